package io.sessionsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code session-sync run} in a child JVM stopped with SIGTERM ({@link Process#destroy()} on Linux):
 * idle, or in the middle of a scheduled run. Either way it says so, exits 0, and a run it cut short is
 * recorded as failed ("interrupted: the service was stopped") with the counts of the pages it wrote,
 * before the store closes.
 */
class GracefulStopIT {
    static final int SESSIONS = 20_000;

    @TempDir Path dir;
    PgSchema schema;
    Process running;

    @AfterEach
    void cleanUp() throws Exception {
        if (running != null && running.isAlive()) running.destroyForcibly().waitFor();
        if (schema != null) schema.close();
    }

    Map<String, String> settings(String cron) throws Exception {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("sessionsync.store.url", schema.url("graceful-stop"));
        s.put("sessionsync.store.user", PgSchema.USER);
        s.put("sessionsync.sandbox.sessions-per-source", String.valueOf(SESSIONS));
        s.put("sessionsync.sandbox.broken-share", "0");
        s.put("sessionsync.evovoice.enabled", "false");
        s.put("sessionsync.salesforce.source.enabled", "false");
        s.put("sessionsync.salesforce.target.enabled", "false");
        s.put("sessionsync.twilio.page-size", "20");
        s.put("sessionsync.twilio.cron", cron);
        try (ServerSocket free = new ServerSocket(0)) {
            s.put("camel.server.port", Integer.toString(free.getLocalPort()));
        }
        return s;
    }

    @Test
    void sigterm_during_a_run_cuts_it_at_a_page_boundary_records_it_interrupted_and_exits_0() throws Exception {
        schema = PgSchema.create();
        Path config = SyncProcess.config(dir, "stop-mid-run", settings("0/1 * * * * ?"));
        Path log = Path.of("target", "it-logs", config.getFileName() + ".log");
        Files.deleteIfExists(log);

        running = SyncProcess.start(config, "run");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> !running.isAlive() || schema.count("SELECT COUNT(*) FROM session") >= 200);
        assertThat(running.isAlive()).as("the service was running (see %s)", log).isTrue();
        assertThat(schema.count("SELECT COUNT(*) FROM sync_run WHERE status = 'running'")).as("a run was going").isEqualTo(1);

        running.destroy(); // SIGTERM
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(running.exitValue()).as("exit code (see %s)", log).isZero();

        assertThat(schema.count("SELECT COUNT(*) FROM sync_run WHERE status = 'running'")).isZero();
        try (Connection c = schema.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, error, records_read, records_written FROM sync_run ORDER BY id DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("status")).isEqualTo("failed");
            assertThat(rs.getString("error")).isEqualTo("interrupted: the service was stopped");
            long read = rs.getLong("records_read");
            assertThat(read).as("the pages written before the stop are counted").isPositive();
            assertThat(rs.getLong("records_written")).isEqualTo(read);
            assertThat(schema.count("SELECT COUNT(*) FROM session")).as("every counted record was stored").isEqualTo(read);
        }
        String output = Files.readString(log);
        assertThat(output).contains("session-sync stopping").contains("session-sync stopped")
                .doesNotContain("already closed").doesNotContain("has been closed");
    }

    @Test
    void sigterm_while_idle_logs_stopping_and_stopped_and_exits_0() throws Exception {
        schema = PgSchema.create();
        Path config = SyncProcess.config(dir, "stop-idle", settings("0 0 0 1 1 ? 2099"));
        Path log = Path.of("target", "it-logs", config.getFileName() + ".log");
        Files.deleteIfExists(log);

        running = SyncProcess.start(config, "run");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> !running.isAlive() || Files.exists(log) && Files.readString(log).contains("Enabled sources"));
        // Started: the routes are up once the HTTP server answers.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> !running.isAlive() || health(config) == 200);
        assertThat(running.isAlive()).as("the service was running (see %s)", log).isTrue();

        running.destroy(); // SIGTERM
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(running.exitValue()).as("exit code (see %s)", log).isZero();
        assertThat(Files.readString(log)).contains("session-sync stopping").contains("session-sync stopped");
    }

    private static int health(Path config) throws Exception {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(config)) {
            p.load(in);
        }
        var http = java.net.http.HttpClient.newHttpClient();
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + p.getProperty("camel.server.port") + "/observe/health/live")).build();
        return http.send(req, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
