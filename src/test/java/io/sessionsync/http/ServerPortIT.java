package io.sessionsync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessionsync.testing.ChildService;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The service's HTTP port: one setting ({@code camel.server.port}), honoured the same way from a file
 * and from the environment ({@code CAMEL_SERVER_PORT}) by every route; a port that cannot be bound stops
 * start-up with exit code 1 and one clear line instead of a service running without webhooks or health.
 */
class ServerPortIT {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static Map<String, String> settings(int port) {
        return Map.of("camel.server.port", Integer.toString(port), "sessionsync.store.url", "jdbc:h2:mem:port-" + port,
                "sessionsync.evovoice.enabled", "false", "sessionsync.salesforce.source.enabled", "false",
                "sessionsync.salesforce.target.enabled", "false", "sessionsync.twilio.cron", "0 0 0 1 1 ? 2099");
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    int status(String url, String method) {
        try {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
            r = method.equals("POST") ? r.POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json") : r.GET();
            return http.send(r.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void a_taken_port_stops_start_up_with_exit_1_and_one_clear_line() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            try (ChildService service = ChildService.start("port-taken", List.of(), settings(port))) {
                assertThat(service.process().waitFor(2, TimeUnit.MINUTES)).as("the service stopped by itself").isTrue();
                assertThat(service.process().exitValue()).isEqualTo(1);
                String log = service.log();
                assertThat(log).contains("port " + port + " is already in use");
                assertThat(log.lines().filter(l -> l.contains("already in use")).count()).isLessThanOrEqualTo(2);
                assertThat(log).doesNotContain("\tat io.vertx");
            }
        }
    }

    @Test
    void the_port_from_the_environment_moves_every_route() throws Exception {
        int filePort = freePort();
        int envPort = freePort();
        try (ChildService service = ChildService.start("port-env", List.of(), settings(filePort),
                Map.of("CAMEL_SERVER_PORT", Integer.toString(envPort)))) {
            String base = "http://127.0.0.1:" + envPort;
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
                assertThat(service.isAlive()).as("service log:%n%s", service.log()).isTrue();
                return status(base + "/observe/health/live", "GET") == 200;
            });
            assertThat(status(base + "/webhooks/evovoice", "POST")).as("webhooks: unsigned -> 403").isEqualTo(403);
            assertThat(status(base + "/ops/runs", "GET")).as("admin API: no token -> 401").isEqualTo(401);
            assertThat(status("http://127.0.0.1:" + filePort + "/observe/health/live", "GET")).as("nothing on the file's port").isEqualTo(-1);
            assertThat(status("http://127.0.0.1:" + filePort + "/webhooks/evovoice", "POST")).isEqualTo(-1);
        }
    }
}
