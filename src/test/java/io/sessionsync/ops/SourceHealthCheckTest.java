package io.sessionsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.run.RunCounts;
import io.sessionsync.run.Trigger;
import io.sessionsync.store.RunRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class SourceHealthCheckTest {
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    final SourceRuns runs = new SourceRuns(List.of("twilio-proxy", "evovoice"), Clock.fixed(NOW, ZoneOffset.UTC));
    long nextId = 1;

    @Test
    void degraded_after_the_threshold_of_failed_runs_in_a_row_and_up_again_after_a_success() throws Exception {
        HealthCheck.Result r = call(new SourceHealthCheck("twilio-proxy", runs, 3));
        assertThat(r.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(r.getMessage()).hasValue("no run yet");

        finish("twilio-proxy", Trigger.SCHEDULE, RunSummary.SUCCEEDED, null);
        finish("twilio-proxy", Trigger.SCHEDULE, RunSummary.FAILED, "Connect to http://127.0.0.1:9 failed");
        finish("twilio-proxy", Trigger.MANUAL, RunSummary.FAILED, "Connect to http://127.0.0.1:9 failed");
        finish("twilio-proxy", Trigger.WEBHOOK, RunSummary.FAILED, "a webhook run is not counted");
        assertThat(call(new SourceHealthCheck("twilio-proxy", runs, 3)).getState()).isEqualTo(HealthCheck.State.UP);

        finish("twilio-proxy", Trigger.SCHEDULE, RunSummary.FAILED, "Connect to http://127.0.0.1:9 failed");
        r = call(new SourceHealthCheck("twilio-proxy", runs, 3));
        assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(r.getMessage()).hasValue("DEGRADED: twilio-proxy failed 3 runs in a row; last error: Connect to http://127.0.0.1:9 failed");
        assertThat(r.getDetails()).containsEntry("health", "DEGRADED").containsEntry("failed.runs.in.a.row", 3)
                .containsEntry("last.success", NOW.toString()).containsEntry("last.run.status", "failed");
        assertThat(call(new SourceHealthCheck("evovoice", runs, 3)).getState()).as("another source").isEqualTo(HealthCheck.State.UP);
        assertThat(call(new SourceHealthCheck("twilio-proxy", runs, 0)).getState()).as("threshold 0: never").isEqualTo(HealthCheck.State.UP);

        finish("twilio-proxy", Trigger.SCHEDULE, RunSummary.SUCCEEDED, null);
        r = call(new SourceHealthCheck("twilio-proxy", runs, 3));
        assertThat(r.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(r.getDetails()).containsEntry("failed.runs.in.a.row", 0);
    }

    @Test
    void after_a_restart_it_starts_from_the_runs_the_store_remembers() throws Exception {
        Instant success = NOW.minus(Duration.ofHours(2));
        runs.seed("twilio-proxy", List.of(
                record(9, "failed", NOW.minusSeconds(60), "Connect to http://127.0.0.1:9 failed"),
                record(8, "failed", NOW.minusSeconds(120), "Connect to http://127.0.0.1:9 failed"),
                record(7, "failed", NOW.minusSeconds(180), "Connect to http://127.0.0.1:9 failed"),
                record(6, "succeeded", success, null)));
        HealthCheck.Result r = call(new SourceHealthCheck("twilio-proxy", runs, 3));
        assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(r.getDetails()).containsEntry("last.run.id", 9L).containsEntry("last.success", success.toString());
        assertThat(runs.state("twilio-proxy").lastSuccess()).hasValue(success);
    }

    private void finish(String source, Trigger trigger, String status, String error) {
        runs.runFinished(new RunSummary(nextId++, source, trigger, status, RunCounts.ZERO, Duration.ofSeconds(1), error));
    }

    private static RunRecord record(long id, String status, Instant finished, String error) {
        return new RunRecord(id, "twilio-proxy", "schedule", finished.minusSeconds(5), finished, status, RunCounts.ZERO, error);
    }

    private static HealthCheck.Result call(SourceHealthCheck check) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            check.setCamelContext(camel);
            return check.call();
        }
    }
}
