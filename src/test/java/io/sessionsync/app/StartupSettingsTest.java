package io.sessionsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionsync.config.SettingsException;
import io.sessionsync.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings are checked before the store is opened, every problem in one error; unknown
 * {@code sessionsync.*} keys are warned about with the nearest declared key; an instance with no
 * source enabled says so loudly. Before, an operator met one missing setting per start.
 */
class StartupSettingsTest {
    @TempDir Path dir;

    private Path config(String... lines) throws Exception {
        Path config = dir.resolve("test.properties");
        Files.writeString(config, "sessionsync.store.url = jdbc:h2:file:" + dir.resolve("store").toAbsolutePath()
                + "\nsessionsync.store.user = sa\n" + String.join("\n", lines) + "\n");
        return config;
    }

    @Test
    void every_problem_is_reported_at_once_before_the_store_is_opened() throws Exception {
        String canary = "canary-secret-51c2";
        Path config = config(
                "sessionsync.twilio.enabled = true",
                "sessionsync.twilio.page-size = 5000",
                "sessionsync.evovoice.enabled = true",
                "sessionsync.evovoice.password = " + canary,
                "sessionsync.salesforce.source.enabled = true");
        Main main = SessionSyncApplication.create(false, config.toString(), SessionSyncApplication.ONE_OFF_ROUTES, Map.of());
        try {
            assertThatThrownBy(main::start).satisfies(e -> {
                String message = settingsError(e).getMessage();
                assertThat(message).contains("sessionsync.twilio.page-size (env SESSIONSYNC_TWILIO_PAGE_SIZE) = 5000")
                        .contains("sessionsync.twilio.service-sids (env SESSIONSYNC_TWILIO_SERVICE_SIDS) is required")
                        .contains("sessionsync.twilio.account-sid").contains("sessionsync.twilio.auth-token")
                        .contains("sessionsync.evovoice.username").contains("sessionsync.evovoice.account-ids")
                        .contains("sessionsync.salesforce.client-id").contains("sessionsync.salesforce.client-secret")
                        .contains("Invalid settings (8 problems)")
                        .doesNotContain(canary);
            });
            assertThat(dir.resolve("store.mv.db")).as("refused before the store was opened").doesNotExist();
        } finally {
            main.stop();
        }
    }

    @Test
    void the_up_front_check_of_the_cli_reports_the_same_problems_at_once() throws Exception {
        Path config = config("sessionsync.evovoice.enabled = true", "sessionsync.evovoice.auth = BEARER");
        assertThatThrownBy(() -> SessionSyncApplication.settings(false, config.toString()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("sessionsync.evovoice.bearer-token (env SESSIONSYNC_EVOVOICE_BEARER_TOKEN) is required by the Evo Voice source")
                .hasMessageContaining("sessionsync.evovoice.account-ids");
    }

    @Test
    void an_unknown_key_and_no_enabled_source_are_warned_about_at_start_up() throws Exception {
        Path config = config("sessionsync.twilio.page-sise = 50");
        Main main = SessionSyncApplication.create(false, config.toString(), SessionSyncApplication.ONE_OFF_ROUTES, Map.of());
        try (LogCapture log = LogCapture.capture()) {
            main.start();
            assertThat(log.text())
                    .contains("WARN unknown setting sessionsync.twilio.page-sise is ignored; did you mean sessionsync.twilio.page-size?")
                    .contains("WARN NO SOURCE IS ENABLED: nothing will be synced. Set one of sessionsync.twilio.enabled, "
                            + "sessionsync.evovoice.enabled, sessionsync.salesforce.source.enabled to true");
        } finally {
            main.stop();
        }
    }

    private static SettingsException settingsError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof SettingsException s) return s;
        throw new AssertionError("no SettingsException in " + e, e);
    }
}
