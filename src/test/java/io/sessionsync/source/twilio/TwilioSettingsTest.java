package io.sessionsync.source.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionsync.config.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TwilioSettingsTest {
    static final String ACCOUNT = "AC" + "1".repeat(32);
    static final String SERVICE = "KS" + "a".repeat(32);
    static final String TOKEN = "canary-auth-token-0000";
    static final String KEY = "SK" + "2".repeat(32);
    static final String KEY_SECRET = "canary-key-secret-1111";

    private static Settings settings(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        return Settings.from(p, Map.of());
    }

    @Test
    void reads_sessionsync_twilio_properties_with_defaults() {
        Map<String, String> p = new HashMap<>();
        p.put("sessionsync.twilio.account-sid", ACCOUNT);
        p.put("sessionsync.twilio.auth-token", TOKEN);
        p.put("sessionsync.twilio.service-sids", SERVICE + ", KS" + "b".repeat(32));
        TwilioSettings s = TwilioSettings.from(settings(p));
        assertThat(s.baseUrl()).isEqualTo("https://proxy.twilio.com");
        assertThat(s.pageSize()).isEqualTo(1000);
        assertThat(s.serviceSids()).hasSize(2);
        assertThat(s.username()).isEqualTo(ACCOUNT);
        assertThat(s.password()).isEqualTo(TOKEN);
    }

    @Test
    void an_api_key_is_used_for_basic_auth_when_set() {
        TwilioSettings s = new TwilioSettings(null, null, null, KEY, KEY_SECRET, List.of(SERVICE), 50);
        assertThat(s.username()).isEqualTo(KEY);
        assertThat(s.password()).isEqualTo(KEY_SECRET);
    }

    @Test
    void to_string_never_prints_a_secret() {
        String text = new TwilioSettings(null, ACCOUNT, TOKEN, KEY, KEY_SECRET, List.of(SERVICE), 50).toString();
        assertThat(text).doesNotContain(TOKEN).doesNotContain(KEY_SECRET).contains(ACCOUNT);
    }

    @Test
    void bad_values_stop_start_up_naming_the_setting() {
        Map<String, String> p = new HashMap<>(Map.of("sessionsync.twilio.account-sid", ACCOUNT,
                "sessionsync.twilio.auth-token", TOKEN, "sessionsync.twilio.service-sids", SERVICE));
        for (String bad : new String[] {"1001", "0", "many"}) {
            p.put("sessionsync.twilio.page-size", bad);
            assertThatThrownBy(() -> TwilioSettings.from(settings(p))).as(bad)
                    .hasMessageContaining("sessionsync.twilio.page-size").hasMessageContaining("1..1000");
        }
        assertThatThrownBy(() -> new TwilioSettings(null, ACCOUNT, TOKEN, null, null, List.of(), 10))
                .hasMessageContaining("sessionsync.twilio.service-sids");
        assertThatThrownBy(() -> new TwilioSettings(null, ACCOUNT, TOKEN, null, null, List.of("KC123"), 10))
                .hasMessageContaining("sessionsync.twilio.service-sids");
        assertThatThrownBy(() -> new TwilioSettings(null, ACCOUNT, null, null, null, List.of(SERVICE), 10))
                .hasMessageContaining("sessionsync.twilio.account-sid");
        assertThatThrownBy(() -> new TwilioSettings(null, null, null, KEY, null, List.of(SERVICE), 10))
                .hasMessageContaining("sessionsync.twilio.api-key-sid");
        assertThatThrownBy(() -> new TwilioSettings("https://proxy.twilio.com/v1", ACCOUNT, TOKEN, null, null,
                List.of(SERVICE), 10)).hasMessageContaining("sessionsync.twilio.base-url");
    }
}
