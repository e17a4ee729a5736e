package io.sessionsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.testing.RunningService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With sessionsync.management.port set, the admin API (/ops) and health and metrics (/observe)
 * answer on that port only, and the public port still serves the webhooks (Camel's own engine
 * answered 404 there once a second server existed). Issue #9, "The public port", bullet 4.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementPortIT {
    static final String TOKEN = "ops-" + UUID.randomUUID();

    RunningService service;
    int managementPort;

    @BeforeAll
    void start() throws Exception {
        managementPort = RunningService.freePort();
        service = RunningService.start("it_mgmt", Map.of("sessionsync.ops.token", TOKEN,
                "sessionsync.management.port", Integer.toString(managementPort),
                "sessionsync.management.host", "127.0.0.1"));
    }

    @AfterAll
    void stop() throws Exception {
        if (service != null) service.close();
    }

    @Test
    void the_admin_api_answers_on_the_management_port_and_not_on_the_public_one() throws Exception {
        assertThat(get(managementPort, "/ops/runs", TOKEN).statusCode()).isEqualTo(200);
        assertThat(get(managementPort, "/ops/runs", null).statusCode()).isEqualTo(401);
        assertThat(get(service.port, "/ops/runs", TOKEN).statusCode()).isEqualTo(404);
        assertThat(get(service.port, "/ops/dead-letters", TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void health_and_metrics_answer_on_the_management_port_and_not_on_the_public_one() throws Exception {
        HttpResponse<String> ready = get(managementPort, "/observe/health/ready", null);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(get(managementPort, "/observe/metrics", null).statusCode()).isEqualTo(200);
        assertThat(get(service.port, "/observe/health/ready", null).statusCode()).isEqualTo(404);
        assertThat(get(service.port, "/observe/metrics", null).statusCode()).isEqualTo(404);
    }

    @Test
    void the_public_port_still_serves_the_webhooks_and_the_management_port_does_not() throws Exception {
        // 403: the route answered (no signature); a 404 would mean the route is not served here.
        assertThat(post(service.port, "/webhooks/evovoice").statusCode()).isEqualTo(403);
        assertThat(post(service.port, "/webhooks/twilio/proxy").statusCode()).isEqualTo(403);
        assertThat(post(managementPort, "/webhooks/evovoice").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder b = RunningService.request(port, path).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return service.send(b);
    }

    private HttpResponse<String> post(int port, String path) throws Exception {
        return service.send(RunningService.request(port, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"eventId\":\"e\",\"sessionId\":\"s\"}")));
    }
}
