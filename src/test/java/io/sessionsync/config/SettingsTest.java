package io.sessionsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Properties applicationProperties() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("config/application.properties"))) {
            p.load(r);
        }
        return p;
    }

    @Test
    void every_declared_setting_is_documented_in_application_properties_with_its_default() throws IOException {
        Properties file = applicationProperties();
        String text = Files.readString(Path.of("config/application.properties"));
        for (Setting s : Settings.declared()) {
            assertThat(file).as(s.key()).containsKey(s.key());
            assertThat(file.getProperty(s.key()).trim()).as("default of " + s.key()).isEqualTo(s.defaultValue());
            int at = text.indexOf("\n" + s.key() + " ");
            String before = text.substring(0, at);
            String previousLine = before.substring(before.lastIndexOf('\n') + 1);
            assertThat(previousLine).as("comment line above " + s.key()).startsWith("# ");
        }
    }

    @Test
    void every_sessionsync_property_in_the_files_is_declared() throws IOException {
        for (String file : new String[] {"config/application.properties", "config/sandbox.properties"}) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of(file))) {
                p.load(r);
            }
            for (String key : p.stringPropertyNames()) {
                if (!key.startsWith("sessionsync.")) continue;
                assertThat(Settings.declared()).as(file + ": " + key)
                        .anyMatch(s -> s.key().equals(key));
            }
        }
    }

    @Test
    void an_environment_variable_overrides_the_file() throws IOException {
        Settings s = Settings.from(applicationProperties(), Map.of("SESSIONSYNC_STORE_POOL_SIZE", "9"));
        assertThat(s.getInt(Settings.STORE_POOL_SIZE)).isEqualTo(9);
        assertThat(Settings.STORE_POOL_SIZE.envName()).isEqualTo("SESSIONSYNC_STORE_POOL_SIZE");
    }

    @Test
    void a_bad_value_stops_validation_naming_the_setting_and_the_expectation() throws IOException {
        Settings s = Settings.from(applicationProperties(), Map.of("SESSIONSYNC_TWILIO_PAGE_SIZE", "5000"));
        assertThatThrownBy(s::validate)
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("sessionsync.twilio.page-size")
                .hasMessageContaining("SESSIONSYNC_TWILIO_PAGE_SIZE")
                .hasMessageContaining("5000")
                .hasMessageContaining("1..1000");
    }

    @Test
    void a_secret_never_appears_in_an_error() {
        String canary = "canary-secret-7f3a9";
        Settings s = Settings.from(new Properties(), Map.of("SESSIONSYNC_EVOVOICE_PASSWORD", canary,
                "SESSIONSYNC_STORE_POOL_SIZE", "zero"));
        assertThatThrownBy(s::validate).satisfies(e -> assertThat(e.getMessage()).doesNotContain(canary));
        assertThat(Settings.EVO_PASSWORD.printable(canary)).isEqualTo("****");
    }

    @Test
    void a_too_short_admin_token_stops_validation_without_showing_it() {
        Settings s = Settings.from(new Properties(), Map.of("SESSIONSYNC_OPS_TOKEN", "short-canary"));
        assertThatThrownBy(s::validate).hasMessageContaining("sessionsync.ops.token")
                .hasMessageContaining("16 or more characters")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-canary"));
        Settings.from(new Properties(), Map.of("SESSIONSYNC_OPS_TOKEN", "0123456789abcdef")).validate();
        Settings.from(new Properties(), Map.of()).validate();
    }

    @Test
    void require_names_the_feature_and_the_setting_when_it_is_missing() {
        Settings s = Settings.from(new Properties(), Map.of());
        assertThatThrownBy(() -> s.require(Settings.TWILIO_SERVICE_SIDS, "The Twilio Proxy source"))
                .hasMessageContaining("The Twilio Proxy source needs sessionsync.twilio.service-sids")
                .hasMessageContaining("SESSIONSYNC_TWILIO_SERVICE_SIDS");
    }

    @Test
    void overrides_win_over_the_environment() {
        Settings s = Settings.from(new Properties(), Map.of("SESSIONSYNC_TWILIO_BASE_URL", "https://a.example"))
                .withOverrides(Map.of("sessionsync.twilio.base-url", "http://127.0.0.1:1234"));
        assertThat(s.get(Settings.TWILIO_BASE_URL)).isEqualTo("http://127.0.0.1:1234");
    }

    @Test
    void every_cron_setting_is_checked_as_a_quartz_cron_at_start_up() {
        assertThat(Settings.declared()).as("cron settings").filteredOn(s -> s.key().endsWith(".cron")).hasSize(4);
        for (Setting cron : Settings.declared()) {
            if (!cron.key().endsWith(".cron")) continue;
            for (String bad : new String[] {"every 5 minutes", "0 0/5 * * *", "0 0/5 * * * ? 2026 extra", "0 61 * * * ?"}) {
                Settings s = Settings.from(new Properties(), Map.of(cron.envName(), bad));
                assertThatThrownBy(s::validate).as(cron.key() + " = " + bad)
                        .isInstanceOf(SettingsException.class)
                        .hasMessageContaining(cron.key())
                        .hasMessageContaining("a Quartz cron expression");
            }
            Settings.from(new Properties(), Map.of(cron.envName(), "0/3 * * * * ?")).validate();
        }
    }

    @Test
    void the_webhooks_public_base_url_must_be_scheme_host_and_port_or_empty() {
        for (String bad : new String[] {"sync.example.com", "ftp://sync.example.com", "https://", "https://sync.example.com/hooks",
                "https://sync.example.com?x=1", "https://sync example.com"}) {
            Settings s = Settings.from(new Properties(), Map.of("SESSIONSYNC_WEBHOOKS_PUBLIC_BASE_URL", bad));
            assertThatThrownBy(s::validate).as(bad)
                    .isInstanceOf(SettingsException.class)
                    .hasMessageContaining("sessionsync.webhooks.public-base-url");
        }
        for (String good : new String[] {"", "https://sync.example.com", "http://127.0.0.1:8080", "https://sync.example.com/"}) {
            Settings.from(new Properties(), Map.of("SESSIONSYNC_WEBHOOKS_PUBLIC_BASE_URL", good)).validate();
        }
    }
}
