package io.sessionsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator speaks Proxy v1's shapes; checked with a plain JDK client. */
class TwilioProxySimulatorTest {
    static final String USER = "AC" + "1".repeat(32);
    static final String PASS = "pass-word";
    static final String SERVICE = "KS" + "a".repeat(32);
    static final ObjectMapper JSON = new ObjectMapper();

    TwilioProxySimulator sim;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        sim = new TwilioProxySimulator(new ProxySessionGenerator(1, 120, List.of(SERVICE)), USER, PASS, 0);
    }

    @AfterEach
    void stop() { sim.close(); }

    HttpResponse<String> get(String pathAndQuery, String user, String pass) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery));
        if (user != null) {
            req.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void lists_pages_with_twilios_meta_and_a_null_next_url_at_the_end() throws Exception {
        String list = "/v1/Services/" + SERVICE + "/Sessions";
        JsonNode first = JSON.readTree(get(list + "?PageSize=50", USER, PASS).body());
        assertThat(first.get("sessions")).hasSize(50);
        JsonNode meta = first.get("meta");
        assertThat(meta.get("key").asText()).isEqualTo("sessions");
        assertThat(meta.get("page").asInt()).isZero();
        assertThat(meta.get("page_size").asInt()).isEqualTo(50);
        assertThat(meta.get("previous_page_url").isNull()).isTrue();
        assertThat(meta.get("first_page_url").asText()).isEqualTo(sim.baseUrl() + list + "?PageSize=50&Page=0");
        assertThat(meta.get("url").asText()).startsWith(sim.baseUrl() + list + "?PageSize=50&Page=0");

        String next = meta.get("next_page_url").asText();
        assertThat(next).contains("Page=1").contains("PageToken=");
        JsonNode second = JSON.readTree(get(next.substring(sim.baseUrl().length()), USER, PASS).body());
        assertThat(second.get("sessions").get(0).get("sid")).isNotEqualTo(first.get("sessions").get(0).get("sid"));
        JsonNode third = JSON.readTree(get(second.get("meta").get("next_page_url").asText()
                .substring(sim.baseUrl().length()), USER, PASS).body());
        assertThat(third.get("sessions")).hasSize(20);
        assertThat(third.get("meta").get("next_page_url").isNull()).isTrue();
        assertThat(third.get("meta").get("previous_page_url").isNull()).isFalse();
    }

    @Test
    void pages_rendered_ahead_are_the_pages_it_generates_and_a_touch_is_served_after_them() throws Exception {
        String list = "/v1/Services/" + SERVICE + "/Sessions";
        List<String> paths = List.of(list + "?PageSize=50", list + "?PageSize=50&Page=1&PageToken=PA32",
                list + "?PageSize=50&Page=2&PageToken=PA64", list + "?PageSize=7&Page=3");
        List<String> generated = new java.util.ArrayList<>();
        for (String path : paths) generated.add(get(path, USER, PASS).body());

        sim.prerender(50);

        for (int i = 0; i < paths.size(); i++) assertThat(get(paths.get(i), USER, PASS).body()).isEqualTo(generated.get(i));
        JsonNode session = JSON.readTree(generated.get(0)).get("sessions").get(3);
        sim.touch(session.get("sid").asText());
        JsonNode touched = JSON.readTree(get(paths.get(0), USER, PASS).body()).get("sessions").get(3);
        assertThat(touched.get("date_updated")).isNotEqualTo(session.get("date_updated"));
    }

    @Test
    void a_page_size_outside_1_to_1000_is_a_400_with_twilios_error_json() throws Exception {
        for (String size : List.of("0", "1001", "x")) {
            HttpResponse<String> r = get("/v1/Services/" + SERVICE + "/Sessions?PageSize=" + size, USER, PASS);
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode err = JSON.readTree(r.body());
            assertThat(err.get("status").asInt()).isEqualTo(400);
            assertThat(err.has("code") && err.has("message") && err.has("more_info")).isTrue();
        }
    }

    @Test
    void fetches_one_session_and_answers_20404_for_an_absent_one() throws Exception {
        String sid = sim.data().sid(7);
        HttpResponse<String> found = get("/v1/Services/" + SERVICE + "/Sessions/" + sid, USER, PASS);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(found.body()).get("sid").asText()).isEqualTo(sid);

        HttpResponse<String> absent = get("/v1/Services/" + SERVICE + "/Sessions/KC" + "0".repeat(32), USER, PASS);
        assertThat(absent.statusCode()).isEqualTo(404);
        JsonNode err = JSON.readTree(absent.body());
        assertThat(err.get("code").asInt()).isEqualTo(20404);
        assertThat(err.get("more_info").asText()).isEqualTo("https://www.twilio.com/docs/errors/20404");
    }

    @Test
    void wrong_or_missing_credentials_get_a_401_with_code_20003() throws Exception {
        String path = "/v1/Services/" + SERVICE + "/Sessions";
        for (HttpResponse<String> r : List.of(get(path, USER, "nope"), get(path, null, null))) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(r.body()).get("code").asInt()).isEqualTo(20003);
        }
    }

    @Test
    void fail_next_answers_the_injected_status_with_retry_after_then_recovers() throws Exception {
        sim.failNext(2, 429, 3);
        String path = "/v1/Services/" + SERVICE + "/Sessions";
        HttpResponse<String> limited = get(path, USER, PASS);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("3");
        assertThat(JSON.readTree(limited.body()).get("code").asInt()).isEqualTo(20429);
        assertThat(get(path, USER, PASS).statusCode()).isEqualTo(429);
        assertThat(get(path, USER, PASS).statusCode()).isEqualTo(200);
        assertThat(sim.requestCount()).isEqualTo(3);
    }

    @Test
    void a_transient_failure_rate_of_one_answers_every_request_with_503() throws Exception {
        sim.setTransientFailureRate(1.0);
        assertThat(get("/v1/Services/" + SERVICE + "/Sessions", USER, PASS).statusCode()).isEqualTo(503);
        sim.setTransientFailureRate(0.0);
        assertThat(get("/v1/Services/" + SERVICE + "/Sessions", USER, PASS).statusCode()).isEqualTo(200);
    }
}
