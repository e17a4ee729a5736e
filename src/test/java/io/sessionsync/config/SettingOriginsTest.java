package io.sessionsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingOriginsTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) p.setProperty(kv[i], kv[i + 1]);
        return p;
    }

    private static SettingOrigins.Effective find(List<SettingOrigins.Effective> all, Setting s) {
        return all.stream().filter(e -> e.key().equals(s.key())).findFirst().orElseThrow();
    }

    @Test
    void the_environment_wins_over_files_and_the_most_specific_file_over_the_built_in_one() {
        List<SettingOrigins.Layer> layers = List.of(
                new SettingOrigins.Layer("file built-in", props("sessionsync.store.pool-size", "4", "sessionsync.store.batch-size", "500"), true),
                new SettingOrigins.Layer("file mine", props("sessionsync.store.pool-size", "8", "sessionsync.twilio.auth-token", "tok-123"), false));
        List<SettingOrigins.Effective> all = SettingOrigins.of(layers,
                Map.of("SESSIONSYNC_STORE_BATCH_SIZE", "900", "SESSIONSYNC_EVOVOICE_PASSWORD", "pw-456"));

        assertThat(find(all, Settings.STORE_POOL_SIZE)).isEqualTo(new SettingOrigins.Effective("sessionsync.store.pool-size", "8", "file mine", false));
        assertThat(find(all, Settings.STORE_BATCH_SIZE).value()).isEqualTo("900");
        assertThat(find(all, Settings.STORE_BATCH_SIZE).origin()).isEqualTo("environment SESSIONSYNC_STORE_BATCH_SIZE");
        assertThat(find(all, Settings.TWILIO_PAGE_SIZE).origin()).isEqualTo("default");
        assertThat(find(all, Settings.TWILIO_AUTH_TOKEN).value()).isEqualTo("****");
        assertThat(find(all, Settings.EVO_PASSWORD)).isEqualTo(new SettingOrigins.Effective("sessionsync.evovoice.password", "****",
                "environment SESSIONSYNC_EVOVOICE_PASSWORD", true));
        assertThat(all.toString()).doesNotContain("tok-123").doesNotContain("pw-456");
        assertThat(all).hasSize(Settings.declared().size());
    }
}
