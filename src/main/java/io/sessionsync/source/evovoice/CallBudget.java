package io.sessionsync.source.evovoice;

/**
 * The {@code GET /sessions} requests one run may still send ({@code sessionsync.evovoice.max-calls-per-run}).
 * It counts what was really sent, retries included (the route's request step runs again for each
 * retry), because that is what Evo Voice sees; it is checked before each page, so one page's retries
 * can overshoot it by at most the retry attempts.
 */
final class CallBudget {
    private final int max;
    private long used;

    CallBudget(int max) {
        this.max = max;
    }

    /** One request sent. */
    synchronized void sent() {
        used++;
    }

    synchronized boolean spent() {
        return used >= max;
    }

    synchronized long used() {
        return used;
    }

    int max() {
        return max;
    }
}
