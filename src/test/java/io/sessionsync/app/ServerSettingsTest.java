package io.sessionsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our HTTP settings become Camel's camel.server/management values when the Main is built. */
class ServerSettingsTest {

    @Test
    void by_default_the_management_face_shares_the_public_port_and_webhook_bodies_are_capped() {
        Map<String, String> camel = ServerSettings.camelOverrides(false, null, Map.of());
        assertThat(camel).containsEntry("camel.server.max-body-size", "65536")
                .doesNotContainKeys("camel.management.port", "camel.management.host");
    }

    @Test
    void a_management_port_moves_camels_management_server_there() {
        Map<String, String> camel = ServerSettings.camelOverrides(false, null, Map.of(
                "sessionsync.management.port", "9191", "sessionsync.management.host", "10.0.0.5",
                "sessionsync.webhooks.max-body-bytes", "2048"));
        assertThat(camel).containsEntry("camel.management.port", "9191").containsEntry("camel.management.host", "10.0.0.5")
                .containsEntry("camel.server.max-body-size", "2048");
    }

    @Test
    void an_invalid_value_is_left_to_start_up_validation_which_names_it() {
        Map<String, String> camel = ServerSettings.camelOverrides(false, null, Map.of("sessionsync.management.port", "eighty"));
        assertThat(camel).doesNotContainKey("camel.management.port");
    }
}
