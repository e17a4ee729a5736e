package io.sessionsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.store.DeadLetterFilter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's database connections are killed again and again in the middle of a run
 * ({@code pg_terminate_backend} on this test's connections only; the server itself stays up for
 * everyone else). The run either retries through or fails cleanly with its reason recorded; the next
 * run catches up; nothing is lost, and nothing is dead-lettered for an outage.
 */
class DatabaseOutageIT {
    static final int SESSIONS = 4000;
    PgSchema schema;
    String appName;

    @BeforeEach
    void schema() {
        schema = PgSchema.create();
        appName = "outage-" + schema.name;
    }

    @AfterEach
    void drop() throws Exception {
        if (schema != null) schema.close();
    }

    @Test
    void connections_killed_mid_run_lose_nothing_and_the_next_run_catches_up() throws Exception {
        try (SandboxApp app = SandboxApp.start(schema, appName, Map.of(
                "sessionsync.sandbox.sessions-per-source", String.valueOf(SESSIONS),
                "sessionsync.evovoice.enabled", "false",
                "sessionsync.salesforce.target.enabled", "false",
                "sessionsync.twilio.page-size", "20",
                "sessionsync.retry.max-attempts", "6"))) {
            CompletableFuture<RunSummary> first = CompletableFuture.supplyAsync(() -> app.sync().run("twilio-proxy",
                    io.sessionsync.run.Trigger.MANUAL));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> first.isDone() || app.sessions().count("twilio-proxy") >= SESSIONS / 5);
            assertThat(first).as("the run was still going when the database went away").isNotDone();

            int killed = 0;
            Instant until = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(until) && !first.isDone()) killed += terminateConnections();
            assertThat(killed).isPositive();

            RunSummary outcome = first.get(2, TimeUnit.MINUTES);
            if (outcome.status().equals(RunSummary.FAILED)) {
                assertThat(outcome.error()).isNotBlank();
                assertThat(schema.count("SELECT COUNT(*) FROM sync_run WHERE status = 'failed' AND error IS NOT NULL")).isEqualTo(1);
                // The reason names the database's error, never a statement with its bound (personal) values.
                assertThat(outcome.error()).doesNotContain("INSERT INTO");
            } else {
                assertThat(outcome.status()).isEqualTo(RunSummary.SUCCEEDED);
            }

            RunSummary next = app.sync().run("twilio-proxy", io.sessionsync.run.Trigger.MANUAL);
            assertThat(next.status()).isEqualTo(RunSummary.SUCCEEDED);
            assertThat(app.sessions().count("twilio-proxy")).isEqualTo(SESSIONS);
            assertThat(schema.count("SELECT COUNT(*) FROM session WHERE source_updated_at IS NULL")).isZero();
            assertThat(app.deadLetters().list(new DeadLetterFilter(null, null, null, null, null, 10))).isEmpty();
            assertThat(app.retry().retryCount()).isPositive();
        }
    }

    /**
     * Ends this test's pooled store connections (and only those); returns how many. The run lock's
     * session is spared: losing it stops the run at once by design (RunLockLivenessIT), while this test
     * is about writes retried through an outage of the pool's connections.
     */
    private int terminateConnections() throws Exception {
        try (Connection c = DriverManager.getConnection(PgSchema.URL, PgSchema.USER, "");
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE application_name = ? AND pid <> pg_backend_pid()"
                     + " AND pid NOT IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory')")) {
            ps.setString(1, appName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
