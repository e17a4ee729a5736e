package io.sessionsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.testing.CapturedLogs;
import io.sessionsync.testing.RunningService;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admin API takes its token from the Authorization header only, its parameters from the query,
 * the path or a JSON body only, and answers a malformed request with a 4xx and no stack trace.
 * Issue #9, "The public port", bullets 2 and 3: driven over real HTTP against the running service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsApiRequestsIT {
    static final String TOKEN = "ops-" + UUID.randomUUID();

    RunningService service;

    @BeforeAll
    void start() throws Exception {
        service = RunningService.start("it_ops_req", Map.of("sessionsync.ops.token", TOKEN));
    }

    @AfterAll
    void stop() throws Exception {
        if (service != null) service.close();
    }

    @Test
    void the_token_in_the_query_string_is_not_accepted() throws Exception {
        String bearer = URLEncoder.encode("Bearer " + TOKEN, StandardCharsets.UTF_8);
        HttpResponse<String> r = service.send(RunningService.request(service.port, "/ops/runs?Authorization=" + bearer).GET());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.body()).doesNotContain(TOKEN);
    }

    @Test
    void the_token_in_a_form_field_is_not_accepted() throws Exception {
        String form = "Authorization=" + URLEncoder.encode("Bearer " + TOKEN, StandardCharsets.UTF_8);
        HttpResponse<String> get = service.send(RunningService.request(service.port, "/ops/runs")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("GET", HttpRequest.BodyPublishers.ofString(form)));
        assertThat(get.statusCode()).as(get.body()).isEqualTo(401);
        HttpResponse<String> post = service.send(RunningService.request(service.port, "/ops/sources/twilio-proxy/run")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(post.statusCode()).as(post.body()).isEqualTo(401);
    }

    @Test
    void a_standard_request_header_named_like_a_parameter_is_not_a_parameter() throws Exception {
        // "From" is a standard HTTP header (an e-mail address); the list's "from" parameter is an instant.
        HttpResponse<String> r = service.send(RunningService.request(service.port, "/ops/dead-letters")
                .header("Authorization", "Bearer " + TOKEN).header("From", "ops@example.com").header("Limit", "abc").GET());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void parameters_still_come_from_the_query_and_the_path() throws Exception {
        HttpResponse<String> bad = service.send(RunningService.request(service.port, "/ops/dead-letters?from=yesterday")
                .header("Authorization", "Bearer " + TOKEN).GET());
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("from must be an ISO-8601 instant");
        HttpResponse<String> id = service.send(RunningService.request(service.port, "/ops/dead-letters/abc")
                .header("Authorization", "Bearer " + TOKEN).GET());
        assertThat(id.statusCode()).as(id.body()).isEqualTo(400);
        assertThat(id.body()).contains("id must be a positive number");
    }

    @Test
    void a_get_with_a_form_body_is_a_4xx_without_a_stack_trace_in_the_log() throws Exception {
        try (CapturedLogs logs = CapturedLogs.capture()) {
            for (int i = 0; i < 100; i++) {
                HttpResponse<String> r = service.send(RunningService.request(service.port, "/ops/runs")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .method("GET", HttpRequest.BodyPublishers.ofString("limit=5&source=x")));
                assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
                assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
            }
            HttpResponse<String> authorized = service.send(RunningService.request(service.port, "/ops/runs")
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/x-www-form-urlencoded")
                    .method("GET", HttpRequest.BodyPublishers.ofString("limit=5")));
            assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(400);
            assertThat(authorized.body()).contains("JSON");
            assertThat(logs.events()).as(logs.text()).noneMatch(e -> e.getThrown() != null);
            assertThat(logs.events()).as(logs.text()).noneMatch(e -> e.getLevel().isMoreSpecificThan(Level.ERROR));
            assertThat(logs.lines()).as(logs.text()).isLessThan(10);
        }
    }
}
