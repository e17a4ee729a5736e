package io.sessionsync.ops;

import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.run.Trigger;
import io.sessionsync.store.RunRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How each source's sync runs went lately: its last run, its last success, and how many runs in a row
 * failed. Read by the source health checks and the last-success gauge. Only scheduled and manual runs
 * count: they read the source, so they say whether it is reachable; webhook and replay runs say more
 * about single records than about the source.
 */
public final class SourceRuns {
    public static final Set<Trigger> COUNTED = Set.of(Trigger.SCHEDULE, Trigger.MANUAL);

    /** One source's state; {@code lastRun} empty until its first run (this process or, seeded, an earlier one). */
    public record State(Optional<LastRun> lastRun, Optional<Instant> lastSuccess, int failedInARow) {
        static final State NONE = new State(Optional.empty(), Optional.empty(), 0);
    }

    /** A finished run, as health shows it. */
    public record LastRun(long id, String trigger, String status, Instant finishedAt, String error) {}

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Clock clock;

    public SourceRuns(Iterable<String> sources, Clock clock) {
        this.clock = clock;
        for (String s : sources) states.put(s, State.NONE);
    }

    public Set<String> sources() {
        return Set.copyOf(states.keySet());
    }

    public State state(String source) {
        return states.getOrDefault(source, State.NONE);
    }

    /**
     * Starts from what the store remembers, so that a restart forgets neither an outage nor a success.
     *
     * @param newestFirst the source's latest finished scheduled or manual runs, back to its latest success
     */
    public void seed(String source, List<RunRecord> newestFirst) {
        if (newestFirst.isEmpty() || !states.containsKey(source)) return;
        RunRecord last = newestFirst.get(0);
        int failed = 0;
        Optional<Instant> lastSuccess = Optional.empty();
        for (RunRecord r : newestFirst) {
            if (RunSummary.SUCCEEDED.equals(r.status())) {
                lastSuccess = Optional.ofNullable(r.finishedAt());
                break;
            }
            failed++;
        }
        states.put(source, new State(Optional.of(new LastRun(last.id(), last.trigger(), last.status(), last.finishedAt(),
                last.error())), lastSuccess, failed));
    }

    /** A run listener: takes every finished run; skipped triggers (no run recorded) and other triggers are ignored. */
    public void runFinished(RunSummary run) {
        if (run.runId() == 0 || !COUNTED.contains(run.trigger()) || !states.containsKey(run.source())) return;
        Instant now = clock.instant();
        boolean ok = RunSummary.SUCCEEDED.equals(run.status());
        LastRun last = new LastRun(run.runId(), run.trigger().dbValue(), run.status(), now, run.error());
        states.compute(run.source(), (s, before) -> {
            State b = before == null ? State.NONE : before;
            return new State(Optional.of(last), ok ? Optional.of(now) : b.lastSuccess(), ok ? 0 : b.failedInARow() + 1);
        });
    }
}
