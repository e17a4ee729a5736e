package io.sessionsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync process killed with SIGKILL in the middle of a run and started again ends with the same
 * store as a run that was never interrupted: nothing lost, nothing doubled, and the Evo Voice
 * checkpoint the killed process left never ahead of the data it had written.
 */
class CrashSafetyIT {
    static final int SESSIONS = 6000;

    @TempDir Path dir;
    PgSchema crashed;
    PgSchema reference;
    Process running;

    @AfterEach
    void cleanUp() throws Exception {
        if (running != null && running.isAlive()) running.destroyForcibly().waitFor();
        if (crashed != null) crashed.close();
        if (reference != null) reference.close();
    }

    static Map<String, String> settings(PgSchema schema) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("sessionsync.store.url", schema.url("crash-safety"));
        s.put("sessionsync.store.user", PgSchema.USER);
        s.put("sessionsync.sandbox.sessions-per-source", String.valueOf(SESSIONS));
        s.put("sessionsync.sandbox.broken-share", "0");
        s.put("sessionsync.salesforce.source.enabled", "false");
        s.put("sessionsync.salesforce.target.enabled", "false");
        s.put("sessionsync.twilio.page-size", "25");
        s.put("sessionsync.evovoice.count-per-page", "25");
        s.put("sessionsync.evovoice.initial-lookback", "90d");
        s.put("camel.server.enabled", "false");
        return s;
    }

    @Test
    void a_run_killed_half_way_and_started_again_ends_like_an_uninterrupted_run() throws Exception {
        crashed = PgSchema.create();
        Path crashedConfig = SyncProcess.config(dir, "crashed", settings(crashed));

        // Evo Voice runs first (sources run in name order): kill while its pages are landing.
        running = SyncProcess.start(crashedConfig, "sync", "all");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> !running.isAlive() || rows(crashed, "evovoice") >= SESSIONS / 4);
        assertThat(running.isAlive()).as("the run was still going when killed (see target/it-logs/%s.log)", crashedConfig.getFileName()).isTrue();
        running.destroyForcibly();
        assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(running.exitValue()).isEqualTo(137); // 128 + SIGKILL
        long atKill = rows(crashed, "evovoice");
        assertThat(atKill).isBetween(1L, SESSIONS - 1L);
        Map<String, Versioned> beforeRestart = contents(crashed);
        OffsetDateTime checkpoint = checkpoint(crashed, "evovoice");

        running = SyncProcess.start(crashedConfig, "sync", "all");
        assertThat(running.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(running.exitValue()).as("restarted sync exit code (see target/it-logs/%s.log)", crashedConfig.getFileName()).isZero();

        reference = PgSchema.create();
        Path referenceConfig = SyncProcess.config(dir, "reference", settings(reference));
        running = SyncProcess.start(referenceConfig, "sync", "all");
        assertThat(running.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(running.exitValue()).isZero();

        Map<String, Versioned> expected = contents(reference);
        assertThat(expected).hasSize(2 * SESSIONS);
        assertThat(contents(crashed)).isEqualTo(expected);
        assertThat(crashed.count("SELECT COUNT(*) FROM dead_letter")).isZero();
        // The killed run is not left "running" for ever: the restarted one closed it as interrupted.
        assertThat(crashed.count("SELECT COUNT(*) FROM sync_run WHERE status = 'running'")).isZero();
        assertThat(crashed.count("SELECT COUNT(*) FROM sync_run WHERE status = 'failed' AND error LIKE 'interrupted%'")).isPositive();

        // What the killed process wrote was right, and its checkpoint promised nothing it had not written.
        assertThat(expected).containsAllEntriesOf(beforeRestart);
        assertThat(checkpoint).as("Evo Voice advances its checkpoint after each page").isNotNull();
        {
            Set<String> dueByCheckpoint = expected.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("evovoice/") && !e.getValue().version().isAfter(checkpoint))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            assertThat(dueByCheckpoint).isNotEmpty();
            assertThat(beforeRestart.keySet()).containsAll(dueByCheckpoint);
        }
    }

    @Test
    void sessions_stored_by_a_process_killed_before_it_wrote_them_to_salesforce_are_delivered_after_restart() throws Exception {
        crashed = PgSchema.create();
        Map<String, String> s = settings(crashed);
        s.put("sessionsync.salesforce.target.enabled", "true");
        s.put("sessionsync.salesforce.target.sources", "twilio-proxy");
        // No delivery tick while the run goes: `sync` delivers after its runs.
        s.put("sessionsync.delivery.poll-ms", "600000");
        Path config = SyncProcess.config(dir, "killed-before-delivery", s);

        // Killed mid-run, the store has committed sessions that no Salesforce write has seen.
        running = SyncProcess.start(config, "sync", "twilio-proxy");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> !running.isAlive() || rows(crashed, "twilio-proxy") >= SESSIONS / 4);
        assertThat(running.isAlive()).as("the run was still going when killed (see target/it-logs/%s.log)", config.getFileName()).isTrue();
        running.destroyForcibly();
        assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long stored = rows(crashed, "twilio-proxy");
        assertThat(crashed.count("SELECT COUNT(*) FROM target_delivery WHERE status = 'delivered'")).isZero();
        assertThat(crashed.count("SELECT COUNT(*) FROM target_delivery WHERE status = 'pending'"))
                .as("every committed session has its delivery recorded with it").isEqualTo(stored);

        running = SyncProcess.start(config, "sync", "twilio-proxy");
        assertThat(running.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(running.exitValue()).as("restarted sync exit code (see target/it-logs/%s.log)", config.getFileName()).isZero();

        assertThat(rows(crashed, "twilio-proxy")).isEqualTo(SESSIONS);
        assertThat(crashed.count("SELECT COUNT(*) FROM target_delivery WHERE status = 'delivered'")).isEqualTo(SESSIONS);
        assertThat(crashed.count("SELECT COUNT(*) FROM target_delivery WHERE status <> 'delivered'")).isZero();
        assertThat(crashed.count("SELECT COUNT(*) FROM dead_letter")).isZero();
    }

    record Versioned(OffsetDateTime version, String hash) {}

    static long rows(PgSchema schema, String source) {
        try {
            return schema.count("SELECT COUNT(*) FROM session WHERE source = '" + source + "'");
        } catch (Exception e) {
            return 0; // not migrated yet
        }
    }

    static Map<String, Versioned> contents(PgSchema schema) throws Exception {
        Map<String, Versioned> out = new HashMap<>();
        try (Connection c = schema.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT source, source_id, source_updated_at, content_hash FROM session")) {
            while (rs.next()) {
                OffsetDateTime v = rs.getObject(3, OffsetDateTime.class).withOffsetSameInstant(java.time.ZoneOffset.UTC);
                out.put(rs.getString(1) + "/" + rs.getString(2), new Versioned(v, rs.getString(4)));
            }
        }
        return out;
    }

    /** The source's record checkpoints (Evo Voice also keeps Session.backfill-start, a clock time, not a record version). */
    static OffsetDateTime checkpoint(PgSchema schema, String source) throws Exception {
        try (Connection c = schema.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(watermark) FROM sync_checkpoint WHERE source = '" + source
                     + "' AND object NOT LIKE '%.backfill-start'")) {
            rs.next();
            OffsetDateTime w = rs.getObject(1, OffsetDateTime.class);
            return w == null ? null : w.withOffsetSameInstant(java.time.ZoneOffset.UTC);
        }
    }
}
