package io.sessionsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service processes on one PostgreSQL store with {@code sessionsync.cluster.enabled}: Quartz is
 * clustered on its JDBC job store, so a schedule firing every 3 seconds runs once per fire, on one
 * of the two, and never overlaps itself.
 */
class ClusterIT {
    static final int SESSIONS = 300;

    @TempDir Path dir;
    PgSchema schema;
    final List<Process> instances = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : instances) if (p.isAlive()) p.destroyForcibly().waitFor();
        if (schema != null) schema.close();
    }

    Map<String, String> settings(String name) throws Exception {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("sessionsync.store.url", schema.url("cluster-" + name));
        s.put("sessionsync.store.user", PgSchema.USER);
        s.put("sessionsync.cluster.enabled", "true");
        s.put("sessionsync.cluster.checkin-interval-ms", "2000");
        s.put("sessionsync.sandbox.sessions-per-source", String.valueOf(SESSIONS));
        s.put("sessionsync.sandbox.broken-share", "0");
        s.put("sessionsync.evovoice.enabled", "false");
        s.put("sessionsync.salesforce.source.enabled", "false");
        s.put("sessionsync.salesforce.target.enabled", "false");
        s.put("sessionsync.twilio.cron", "0/3 * * * * ?");
        try (ServerSocket free = new ServerSocket(0)) {
            s.put("camel.server.port", String.valueOf(free.getLocalPort()));
        }
        return s;
    }

    @Test
    void two_instances_run_each_scheduled_fire_once_and_never_overlap() throws Exception {
        schema = PgSchema.create();
        instances.add(SyncProcess.start(SyncProcess.config(dir, "instance-a", settings("a")), "run"));
        instances.add(SyncProcess.start(SyncProcess.config(dir, "instance-b", settings("b")), "run"));

        // Both schedulers checked in to the one cluster.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(instances).allMatch(Process::isAlive);
            return count("SELECT COUNT(*) FROM qrtz_scheduler_state") == 2;
        });
        Instant bothUp = Instant.now();
        // Let the schedule fire about ten times with both instances up.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(instances).allMatch(Process::isAlive);
            return count("SELECT COUNT(*) FROM sync_run WHERE trigger = 'schedule' AND status <> 'running' AND started_at > '"
                    + bothUp + "'") >= 10;
        });
        for (Process p : instances) p.destroy(); // SIGTERM: a graceful stop
        for (Process p : instances) assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        List<Instant[]> runs = new ArrayList<>();
        try (Connection c = schema.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT started_at, finished_at FROM sync_run WHERE trigger = 'schedule'"
                     + " AND source = 'twilio-proxy' AND finished_at IS NOT NULL ORDER BY started_at")) {
            while (rs.next()) {
                runs.add(new Instant[] {rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getObject(2, OffsetDateTime.class).toInstant()});
            }
        }
        assertThat(runs).hasSizeGreaterThanOrEqualTo(10);
        for (int i = 1; i < runs.size(); i++) {
            Instant previousEnd = runs.get(i - 1)[1];
            Instant start = runs.get(i)[0];
            assertThat(start).as("run %d starts after run %d ended: no overlap", i, i - 1).isAfterOrEqualTo(previousEnd);
        }
        // One run per fire: each instance logs the scheduled time of the fire it runs; no time appears twice.
        // (Not a gap between start times: under load a late fire and the next one can start close together.)
        List<String> fires = new ArrayList<>();
        for (String name : List.of("instance-a", "instance-b")) {
            Matcher m = FIRE.matcher(java.nio.file.Files.readString(Path.of("target", "it-logs", name + ".properties.log")));
            while (m.find()) fires.add(m.group(1));
        }
        assertThat(fires).as("scheduled fires run").hasSizeGreaterThanOrEqualTo(runs.size()).doesNotHaveDuplicates();
        assertThat(count("SELECT COUNT(*) FROM sync_run WHERE status = 'failed'")).isZero();
        // Quartz itself fired each trigger on one instance: the run lock never had to turn a second one away
        // (a skipped run leaves no sync_run row, only this log line).
        for (String name : List.of("instance-a", "instance-b")) {
            assertThat(java.nio.file.Files.readString(Path.of("target", "it-logs", name + ".properties.log")))
                    .doesNotContain("going on another instance");
        }
        assertThat(count("SELECT COUNT(*) FROM session WHERE source = 'twilio-proxy'")).isEqualTo(SESSIONS);
    }

    private static final Pattern FIRE = Pattern.compile("Scheduled fire (\\S+) of twilio-proxy");

    long count(String sql) {
        try {
            return schema.count(sql);
        } catch (Exception e) {
            return -1; // not migrated yet
        }
    }
}
