package io.sessionsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorHttpTest {

    @Test
    void reads_query_strings_and_form_bodies_last_value_wins() {
        assertThat(SimulatorHttp.form("PageSize=50&PageToken=PT%3D1&q=SELECT+Id&PageSize=10&flag"))
                .containsExactly(Map.entry("PageSize", "10"), Map.entry("PageToken", "PT=1"),
                        Map.entry("q", "SELECT Id"), Map.entry("flag", ""));
        assertThat(SimulatorHttp.form((String) null)).isEmpty();
    }

    @Test
    void a_stray_percent_sign_is_text_as_a_real_server_would_take_it() {
        assertThat(SimulatorHttp.form("q=100%")).containsExactly(Map.entry("q", "100%"));
    }
}
