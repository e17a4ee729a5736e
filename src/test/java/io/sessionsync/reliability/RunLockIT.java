package io.sessionsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.cluster.PostgresAdvisoryRunLock;
import io.sessionsync.cluster.RunLock;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.run.Trigger;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The database run lock: while another instance holds a source's lock (here: this test, through the
 * same PostgreSQL advisory lock), a run of that source on this instance is skipped, not started; other
 * sources run; once the lock is free the source runs again.
 */
class RunLockIT extends WithPgSchema {
    @Test
    void a_source_locked_by_another_instance_is_skipped_and_runs_once_released() throws Exception {
        try (SandboxApp app = SandboxApp.start(schema, "run-lock", Map.of(
                "sessionsync.sandbox.sessions-per-source", "50",
                "sessionsync.salesforce.target.enabled", "false"))) {
            RunLock otherInstance = new PostgresAdvisoryRunLock(schema.url(), PgSchema.USER, "");
            RunLock otherSchema = new PostgresAdvisoryRunLock(PgSchema.URL, PgSchema.USER, "");
            Optional<RunLock.Held> held = otherInstance.tryAcquire("twilio-proxy");
            assertThat(held).isPresent();
            assertThat(otherInstance.tryAcquire("twilio-proxy")).as("the lock is exclusive").isEmpty();
            // A deployment in another schema of the same database has locks of its own.
            otherSchema.tryAcquire("twilio-proxy").orElseThrow().close();
            try (RunLock.Held h = held.get()) {
                RunSummary skipped = app.sync().run("twilio-proxy", Trigger.MANUAL);
                assertThat(skipped.status()).isEqualTo(RunSummary.SKIPPED);
                assertThat(skipped.error()).contains("another instance");
                assertThat(app.sync().run("evovoice", Trigger.MANUAL).status()).isEqualTo(RunSummary.SUCCEEDED);
            }
            assertThat(schema.count("SELECT COUNT(*) FROM sync_run WHERE source = 'twilio-proxy'")).isZero();
            assertThat(app.sync().run("twilio-proxy", Trigger.MANUAL).status()).isEqualTo(RunSummary.SUCCEEDED);
            assertThat(app.sessions().count("twilio-proxy")).isEqualTo(50);
            // The run released its lock: another instance can take it now.
            Optional<RunLock.Held> after = otherInstance.tryAcquire("twilio-proxy");
            assertThat(after).isPresent();
            after.get().close();
        }
    }
}
