package io.sessionsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessionsync.cluster.PostgresAdvisoryRunLock;
import io.sessionsync.cluster.RunLock;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.run.Trigger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The run lock's own database session is ended in the middle of a run ({@code pg_terminate_backend}
 * on the backend holding the advisory lock, as a PostgreSQL blip or a proxy's idle timeout would).
 * PostgreSQL frees the lock at once, so another instance can take it: the run that lost it must
 * notice and stop at its next page, so that the two never run the source together.
 */
class RunLockLivenessIT extends WithPgSchema {
    static final int SESSIONS = 4000;
    static final int PAGE = 20;
    /** The sandbox's Proxy services, each written by its own thread: one page of each may be in flight. */
    static final int SERVICES_SIDE_BY_SIDE = 2;

    @Test
    void a_run_whose_lock_connection_dies_stops_at_the_next_page_and_another_instance_takes_over() throws Exception {
        Map<String, String> settings = Map.of(
                "sessionsync.sandbox.sessions-per-source", String.valueOf(SESSIONS),
                "sessionsync.evovoice.enabled", "false",
                "sessionsync.salesforce.target.enabled", "false",
                "sessionsync.twilio.page-size", String.valueOf(PAGE),
                "sessionsync.twilio.parallel-services", String.valueOf(SERVICES_SIDE_BY_SIDE));
        try (SandboxApp a = SandboxApp.start(schema, "liveness-a-" + schema.name, settings);
             SandboxApp b = SandboxApp.start(schema, "liveness-b-" + schema.name, settings)) {
            CompletableFuture<RunSummary> first = CompletableFuture.supplyAsync(() -> a.sync().run("twilio-proxy", Trigger.MANUAL));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> first.isDone() || a.sessions().count("twilio-proxy") >= SESSIONS / 10);
            assertThat(first).as("the run was still going when its lock connection went away").isNotDone();
            assertThat(b.sync().run("twilio-proxy", Trigger.MANUAL).status())
                    .as("while the lock is held, the other instance is turned away").isEqualTo(RunSummary.SKIPPED);

            assertThat(terminateLockHolder("twilio-proxy")).as("the lock's backend was found and ended").isEqualTo(1);

            // Another instance takes the freed lock at once, as a scheduled trigger elsewhere would.
            RunLock otherInstance = new PostgresAdvisoryRunLock(schema.url(), PgSchema.USER, "");
            Optional<RunLock.Held> taken = otherInstance.tryAcquire("twilio-proxy");
            assertThat(taken).as("PostgreSQL freed the lock with its session").isPresent();
            long writtenWhenTaken;
            RunSummary outcome;
            try (RunLock.Held held = taken.get()) {
                writtenWhenTaken = a.sessions().count("twilio-proxy");
                outcome = first.get(2, TimeUnit.MINUTES);
                // The run stopped instead of going on next to the new holder: at most the pages it was
                // already writing when the lock went (one per service written side by side) land after.
                assertThat(a.sessions().count("twilio-proxy") - writtenWhenTaken)
                        .isLessThanOrEqualTo((long) PAGE * SERVICES_SIDE_BY_SIDE);
                assertThat(held.isValid()).isTrue();
            }
            assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunSummary.FAILED);
            assertThat(outcome.error()).contains("run lock of twilio-proxy was lost");
            assertThat(outcome.counts().read()).isLessThan(SESSIONS);
            assertThat(schema.count("SELECT COUNT(*) FROM sync_run WHERE source = 'twilio-proxy' AND status = 'failed'"
                    + " AND error LIKE '%run lock%'")).isEqualTo(1);

            // The second instance now runs the source alone and catches up; nothing was lost.
            RunSummary second = b.sync().run("twilio-proxy", Trigger.MANUAL);
            assertThat(second.status()).as(String.valueOf(second.error())).isEqualTo(RunSummary.SUCCEEDED);
            assertThat(b.sessions().count("twilio-proxy")).isEqualTo(SESSIONS);
            assertThat(schema.count("SELECT COUNT(*) FROM sync_run WHERE status = 'running'")).isZero();
        }
    }

    /**
     * Ends the backend holding this schema's advisory run lock of {@code source} (key: "SS" and the
     * CRC-32 of schema/source, see PostgresAdvisoryRunLock), and only that one; returns how many.
     */
    private int terminateLockHolder(String source) throws Exception {
        CRC32 crc = new CRC32();
        crc.update((schema.name + "/" + source).getBytes(StandardCharsets.UTF_8));
        try (Connection c = schema.connect();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_locks"
                     + " WHERE locktype = 'advisory' AND granted AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 2"
                     + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            ps.setLong(1, 0x5353);
            ps.setLong(2, crc.getValue());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
