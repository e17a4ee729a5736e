package io.sessionsync.source.evovoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionsync.config.Settings;
import io.sessionsync.config.SettingsException;
import io.sessionsync.source.evovoice.EvoVoiceSettings.AuthMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EvoVoiceSettingsTest {
    static final String CANARY = "pw-canary-7d1e";

    @Test
    void should_default_to_production_basic_auth_100_per_page_live_only_30_days() {
        var s = new EvoVoiceSettings(null, null, "api-user", CANARY, null, List.of(" acc-1 "), 0, false, null, 0);
        assertThat(s.baseUrl()).isEqualTo("https://evovoice.io");
        assertThat(s.auth()).isEqualTo(AuthMode.BASIC);
        assertThat(s.accountIds()).containsExactly("acc-1");
        assertThat(s.countPerPage()).isEqualTo(100);
        assertThat(s.searchArchive()).isFalse();
        assertThat(s.initialLookback()).isEqualTo(Duration.ofDays(30));
        assertThat(s.authorizationHeader()).isEqualTo("Basic YXBpLXVzZXI6cHctY2FuYXJ5LTdkMWU=");
    }

    @Test
    void should_never_show_secrets_in_to_string() {
        var basic = EvoVoiceSettings.basic("https://team.evovoice.io/", "api-user", CANARY, List.of("a"));
        assertThat(basic.toString()).doesNotContain(CANARY).contains("password=****", "baseUrl=https://team.evovoice.io,");
        assertThat(basic.baseUrl()).isEqualTo("https://team.evovoice.io");
        var bearer = new EvoVoiceSettings(null, AuthMode.BEARER, null, null, CANARY, List.of("a"), 10, true, null, 0);
        assertThat(bearer.toString()).doesNotContain(CANARY).contains("bearerToken=****");
        assertThat(bearer.authorizationHeader()).isEqualTo("Bearer " + CANARY);
    }

    @Test
    void should_name_the_setting_that_is_wrong() {
        assertThatThrownBy(() -> EvoVoiceSettings.basic(null, null, "x", List.of("a")))
                .hasMessageContaining("sessionsync.evovoice.username is required");
        assertThatThrownBy(() -> EvoVoiceSettings.basic(null, "u", "", List.of("a")))
                .hasMessageContaining("sessionsync.evovoice.password is required");
        assertThatThrownBy(() -> new EvoVoiceSettings(null, AuthMode.BEARER, null, null, " ", List.of("a"), 0, false, null, 0))
                .hasMessageContaining("sessionsync.evovoice.bearer-token is required");
        assertThatThrownBy(() -> EvoVoiceSettings.basic(null, "u", "p", List.of()))
                .hasMessageContaining("sessionsync.evovoice.account-ids");
        assertThatThrownBy(() -> EvoVoiceSettings.basic(null, "u", "p", List.of("a,b")))
                .hasMessageContaining("must not contain ','");
        assertThatThrownBy(() -> EvoVoiceSettings.basic("ftp://evovoice.io", "u", "p", List.of("a")))
                .hasMessageContaining("sessionsync.evovoice.base-url must start with http");
    }

    @Test
    void should_refuse_credentials_in_the_base_url_without_echoing_them() {
        assertThatThrownBy(() -> EvoVoiceSettings.basic("https://u:" + CANARY + "@evovoice.io", "u", "p", List.of("a")))
                .hasMessageContaining("must not carry credentials").hasMessageNotContaining(CANARY);
    }

    @Test
    void should_read_the_documented_property_names() {
        var props = new Properties();
        props.setProperty("sessionsync.evovoice.base-url", "http://127.0.0.1:8089");
        props.setProperty("sessionsync.evovoice.auth", "bearer");
        props.setProperty("sessionsync.evovoice.bearer-token", CANARY);
        props.setProperty("sessionsync.evovoice.account-ids", "acc-1, acc-2");
        props.setProperty("sessionsync.evovoice.count-per-page", "50");
        props.setProperty("sessionsync.evovoice.search-archive", "true");
        props.setProperty("sessionsync.evovoice.initial-lookback", "7d");
        props.setProperty("sessionsync.evovoice.max-calls-per-run", "40");
        var s = EvoVoiceSettings.from(Settings.from(props, Map.of()));
        assertThat(s).isEqualTo(new EvoVoiceSettings("http://127.0.0.1:8089", AuthMode.BEARER, null, null, CANARY,
                List.of("acc-1", "acc-2"), 50, true, Duration.ofDays(7), 40));

        // values are checked by their declarations in Settings, with its message
        props.setProperty("sessionsync.evovoice.max-calls-per-run", "lots");
        assertThatThrownBy(() -> EvoVoiceSettings.from(Settings.from(props, Map.of())))
                .isInstanceOf(SettingsException.class).hasMessageContaining("sessionsync.evovoice.max-calls-per-run")
                .hasMessageContaining("1..100000");
        props.setProperty("sessionsync.evovoice.max-calls-per-run", "-1");
        assertThatThrownBy(() -> EvoVoiceSettings.from(Settings.from(props, Map.of())))
                .hasMessageContaining("sessionsync.evovoice.max-calls-per-run (env SESSIONSYNC_EVOVOICE_MAX_CALLS_PER_RUN) = -1");
        props.remove("sessionsync.evovoice.max-calls-per-run");
        assertThat(EvoVoiceSettings.from(Settings.from(props, Map.of())).maxCallsPerRun())
                .isEqualTo(Integer.parseInt(Settings.EVO_MAX_CALLS_PER_RUN.defaultValue()));

        props.setProperty("sessionsync.evovoice.initial-lookback", "a week");
        assertThatThrownBy(() -> EvoVoiceSettings.from(Settings.from(props, Map.of())))
                .hasMessageContaining("sessionsync.evovoice.initial-lookback");
        props.setProperty("sessionsync.evovoice.initial-lookback", "0d");
        assertThatThrownBy(() -> EvoVoiceSettings.from(Settings.from(props, Map.of())))
                .hasMessageContaining("sessionsync.evovoice.initial-lookback").hasMessageContaining("a positive duration");
        props.setProperty("sessionsync.evovoice.initial-lookback", "PT36H");
        assertThat(EvoVoiceSettings.from(Settings.from(props, Map.of())).initialLookback()).isEqualTo(Duration.ofHours(36));
        props.setProperty("sessionsync.evovoice.count-per-page", "5000");
        assertThatThrownBy(() -> EvoVoiceSettings.from(Settings.from(props, Map.of())))
                .hasMessageContaining("sessionsync.evovoice.count-per-page").hasMessageContaining("1..1000");
        props.setProperty("sessionsync.evovoice.count-per-page", "50");
        props.setProperty("sessionsync.evovoice.auth", "digest");
        assertThatThrownBy(() -> EvoVoiceSettings.from(Settings.from(props, Map.of())))
                .hasMessageContaining("sessionsync.evovoice.auth").hasMessageContaining("BASIC or BEARER");
    }
}
