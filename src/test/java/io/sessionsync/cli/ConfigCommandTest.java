package io.sessionsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config} prints each effective setting with where it came from, secrets masked, and opens nothing. */
class ConfigCommandTest {
    @TempDir Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.run(out, err, args);
    }

    private String line(String key) {
        return Arrays.stream(out.toString().split("\n")).filter(l -> l.startsWith(key + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(key + " not printed:\n" + out));
    }

    @Test
    void each_setting_is_printed_with_its_origin_and_secrets_masked() throws Exception {
        String canary = "canary-secret-0d9e";
        Path config = dir.resolve("my.properties");
        Files.writeString(config, String.join("\n",
                "sessionsync.store.url = jdbc:h2:file:" + dir.resolve("store").toAbsolutePath(),
                "sessionsync.store.pool-size = 7",
                "sessionsync.store.password = " + canary,
                "sessionsync.twilio.page-sise = 50", ""));

        assertThat(run("--config", config.toString(), "config")).as(err.toString()).isZero();

        assertThat(line("sessionsync.store.pool-size")).contains(" 7 ").endsWith("file " + config + " (--config)");
        assertThat(line("sessionsync.store.batch-size")).contains(" 500 ").endsWith("default");
        assertThat(line("sessionsync.store.password")).contains("****");
        assertThat(line("sessionsync.evovoice.password")).contains("(not set)").endsWith("default");
        assertThat(out + err.toString()).doesNotContain(canary);
        assertThat(err.toString()).contains("warning: unknown setting sessionsync.twilio.page-sise is ignored; "
                + "did you mean sessionsync.twilio.page-size?");
        assertThat(dir.resolve("store.mv.db")).as("no store was opened").doesNotExist();
    }

    @Test
    void a_sandbox_value_is_shown_as_coming_from_the_sandbox_file() {
        assertThat(run("--sandbox", "config")).as(err.toString()).isZero();
        assertThat(line("sessionsync.twilio.enabled")).contains(" true ").endsWith("file classpath:config/sandbox.properties (--sandbox)");
    }

    @Test
    void a_setting_start_up_would_refuse_is_listed_and_exits_1() throws Exception {
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, "sessionsync.evovoice.enabled = true\nsessionsync.store.pool-size = 0\n");
        assertThat(run("--config", config.toString(), "config")).isEqualTo(1);
        assertThat(err.toString()).contains("invalid: sessionsync.store.pool-size").contains("invalid: sessionsync.evovoice.account-ids");
    }
}
