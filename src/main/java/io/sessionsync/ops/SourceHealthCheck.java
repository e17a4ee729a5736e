package io.sessionsync.ops;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * One source's health: its last run, last success and failed runs in a row, and DEGRADED once that
 * many runs in a row failed. Camel's health knows only UP and DOWN, so DEGRADED is reported as DOWN
 * with the word in the message and the {@code health} detail. A readiness check, not a liveness one:
 * a restart does not fix a remote outage, but the instance is not doing its job and an orchestrator,
 * a Docker healthcheck or an alert should see it (docs/operations.md#health-and-metrics).
 */
public final class SourceHealthCheck extends AbstractHealthCheck {
    private final String source;
    private final SourceRuns runs;
    private final int threshold;

    /** @param threshold failed runs in a row that make the source DEGRADED; 0: never */
    public SourceHealthCheck(String source, SourceRuns runs, int threshold) {
        super("sessionsync", "source-" + source);
        this.source = source;
        this.runs = runs;
        this.threshold = threshold;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        SourceRuns.State s = runs.state(source);
        builder.detail("source", source);
        builder.detail("failed.runs.in.a.row", s.failedInARow());
        builder.detail("failed.runs.threshold", threshold);
        s.lastSuccess().ifPresent(t -> builder.detail("last.success", t.toString()));
        s.lastRun().ifPresent(r -> {
            builder.detail("last.run.id", r.id());
            builder.detail("last.run.trigger", r.trigger());
            builder.detail("last.run.status", r.status());
            builder.detail("last.run.finished", r.finishedAt().toString());
            if (r.error() != null) builder.detail("last.run.error", r.error());
        });
        if (threshold > 0 && s.failedInARow() >= threshold) {
            builder.detail("health", "DEGRADED");
            String error = s.lastRun().map(SourceRuns.LastRun::error).orElse(null);
            builder.message("DEGRADED: " + source + " failed " + s.failedInARow() + " runs in a row"
                    + (error == null ? "" : "; last error: " + error)).down();
        } else {
            builder.detail("health", "UP");
            builder.message(s.lastRun().map(r -> "last run " + r.id() + " " + r.status()).orElse("no run yet")).up();
        }
    }
}
