package io.sessionsync.source.evovoice;

/**
 * The {@code GET /sessions} requests one run may still send ({@code sessionsync.evovoice.max-calls-per-run}).
 * It counts what the client really sent, retries included, because that is what Evo Voice sees; it
 * is checked before each page, so one page's retries can overshoot it by at most the retry attempts.
 */
final class CallBudget {
    private final EvoVoiceClient client;
    private final int max;
    private final long before;

    CallBudget(EvoVoiceClient client, int max) {
        this.client = client;
        this.max = max;
        this.before = client.calls();
    }

    boolean spent() {
        return used() >= max;
    }

    long used() {
        return client.calls() - before;
    }

    int max() {
        return max;
    }
}
