package io.sessionsync.pipeline;

import io.sessionsync.run.Trigger;
import io.sessionsync.run.RunCounts;
import java.time.Duration;

/** The outcome of one run, as printed by the CLI and recorded in {@code sync_run}. */
public record RunSummary(long runId, String source, Trigger trigger, String status, RunCounts counts,
                         Duration took, String error) {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    public boolean succeeded() {
        return SUCCEEDED.equals(status);
    }
}
