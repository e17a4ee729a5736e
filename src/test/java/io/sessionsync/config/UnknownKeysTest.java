package io.sessionsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownKeysTest {

    @Test
    void a_misspelled_key_or_variable_is_named_with_the_nearest_declared_one() {
        assertThat(UnknownKeys.warnings(List.of("sessionsync.twilio.page-sise", "sessionsync.store.url", "camel.server.port"),
                List.of("SESSIONSYNC_STORE_UR", "SESSIONSYNC_STORE_URL", "SESSIONSYNC_LOG_LEVEL", "PATH")))
                .containsExactly(
                        "unknown setting sessionsync.twilio.page-sise is ignored; did you mean sessionsync.twilio.page-size?",
                        "unknown environment variable SESSIONSYNC_STORE_UR is ignored; did you mean SESSIONSYNC_STORE_URL?");
    }
}
