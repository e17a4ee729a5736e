package io.sessionsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsRequestTest {

    @Test
    void path_parameters_are_read_from_the_route_template_and_decoded() {
        assertThat(OpsRequest.pathParams("/ops/dead-letters/{id}", "/ops/dead-letters/42")).isEqualTo(Map.of("id", "42"));
        assertThat(OpsRequest.pathParams("/ops/sources/{source}/run", "/ops/sources/twilio%2Dproxy/run"))
                .isEqualTo(Map.of("source", "twilio-proxy"));
        assertThat(OpsRequest.pathParams("/ops/dead-letters/{id}", "/ops/dead-letters/a+b")).isEqualTo(Map.of("id", "a+b"));
    }

    @Test
    void a_route_without_path_parameters_has_none() {
        assertThat(OpsRequest.pathParams("/ops/runs", "/ops/runs")).isEmpty();
        assertThat(OpsRequest.pathParams(null, "/ops/runs")).isEmpty();
    }
}
