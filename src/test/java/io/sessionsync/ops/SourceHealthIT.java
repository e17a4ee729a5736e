package io.sessionsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessionsync.app.SessionSyncApplication;
import io.sessionsync.testing.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real service (no sandbox) with its only source, Twilio Proxy, pointed at a dead port and
 * scheduled every second: after the configured number of failed runs in a row, health names the source
 * as DEGRADED, and the metrics scrape carries the per-source last-success gauge, JVM meters and the
 * store's connection-pool meters.
 */
class SourceHealthIT {
    static final int THRESHOLD = 2;

    TestPostgres pg;
    Main app;
    int port;
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws Exception {
        if (app != null) app.stop();
        if (pg != null) pg.close();
    }

    @Test
    void health_turns_degraded_naming_the_source_after_the_threshold_of_failed_runs_and_metrics_carry_the_new_meters() throws Exception {
        pg = TestPostgres.freshSchema("it_health");
        port = freePort();
        Map<String, String> o = new HashMap<>();
        o.put("sessionsync.store.url", pg.url());
        o.put("sessionsync.store.user", TestPostgres.USER);
        o.put("sessionsync.twilio.enabled", "true");
        o.put("sessionsync.twilio.base-url", "http://127.0.0.1:9");
        o.put("sessionsync.twilio.account-sid", "AC00000000000000000000000000000000");
        o.put("sessionsync.twilio.auth-token", "not-a-real-token-at-all");
        o.put("sessionsync.twilio.service-sids", "KS00000000000000000000000000000000");
        o.put("sessionsync.twilio.cron", "0/1 * * * * ?");
        o.put("sessionsync.retry.max-attempts", "1");
        o.put("sessionsync.health.failed-runs-threshold", Integer.toString(THRESHOLD));
        o.put("camel.server.port", Integer.toString(port));
        app = SessionSyncApplication.create(false, null, SessionSyncApplication.ALL_ROUTES, o);
        app.start();

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> pg.queryLong("SELECT COUNT(*) FROM sync_run WHERE source = 'twilio-proxy' AND status = 'failed'") >= THRESHOLD);

        HttpResponse<String> health = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> get("/observe/health"), r -> r.statusCode() == 503);
        assertThat(health.body()).as(health.body())
                .contains("source-twilio-proxy").contains("DEGRADED").contains("twilio-proxy failed")
                .contains("127.0.0.1:9");
        // ?data=true adds each check's details: the source's last run and its failures in a row.
        assertThat(get("/observe/health?data=true").body())
                .contains("\"last.run.status\":\"failed\"").contains("\"health\":\"DEGRADED\"")
                .contains("\"failed.runs.threshold\":" + THRESHOLD).contains("last.run.finished");
        HttpResponse<String> ready = get("/observe/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        assertThat(ready.body()).contains("source-twilio-proxy").contains("DEGRADED");
        assertThat(get("/observe/health/live").statusCode()).as("a restart does not fix a remote outage").isEqualTo(200);

        HttpResponse<String> metrics = get("/observe/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("sessionsync_last_success_timestamp_seconds{source=\"twilio-proxy\"}")
                .contains("sessionsync_source_failed_runs_in_a_row{source=\"twilio-proxy\"}")
                .contains("jvm_memory_used_bytes")
                .contains("jvm_gc_")
                .contains("jvm_threads_live_threads")
                .contains("process_cpu_usage")
                .contains("jvm_classes_loaded_classes")
                .contains("hikaricp_connections_active{pool=\"session-sync-store\"}");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
