package io.sessionsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mistyped source name ({@code sync twilio}) is refused before Camel starts, with exit 2, the valid
 * names and no stack trace; before, {@code sync twilio} printed a Camel message history and
 * {@code dead-letters list --source twilio} answered "0 dead letters".
 */
class SourceNameTypoTest {
    @TempDir Path dir;
    Path config;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void config() throws Exception {
        config = dir.resolve("test.properties");
        Files.writeString(config, "sessionsync.store.url = jdbc:h2:file:" + dir.resolve("store").toAbsolutePath()
                + "\nsessionsync.store.user = sa\n");
    }

    private int run(String... args) {
        return Cli.runWithConfig(out, err, config, args);
    }

    @Test
    void sync_of_a_mistyped_source_exits_2_with_the_valid_names_before_anything_starts() {
        assertThat(run("sync", "twilio")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown source 'twilio'")
                .contains("twilio-proxy, evovoice, salesforce").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(dir.resolve("store.mv.db")).as("no store was opened").doesNotExist();
    }

    @Test
    void sync_of_a_disabled_source_names_the_setting_that_enables_it() {
        assertThat(run("sync", "evovoice")).isEqualTo(2);
        assertThat(err.toString()).contains("evovoice").contains("sessionsync.evovoice.enabled").doesNotContain("\tat ");
        assertThat(dir.resolve("store.mv.db")).as("no store was opened").doesNotExist();
    }

    @Test
    void dead_letters_and_resync_refuse_a_mistyped_source_too() {
        assertThat(run("dead-letters", "list", "--source", "twilio")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown source 'twilio'; valid sources: twilio-proxy, evovoice, salesforce");
        assertThat(run("dead-letters", "replay", "--source", "twilio")).isEqualTo(2);
        assertThat(run("resync", "twilio", "--since", "2026-11-20T10:15:30Z")).isEqualTo(2);
        assertThat(err.toString()).doesNotContain("\tat ");
        assertThat(dir.resolve("store.mv.db")).as("no store was opened").doesNotExist();
    }

    @Test
    void sync_all_with_no_source_enabled_says_so_instead_of_an_empty_table() {
        assertThat(run("sync", "all")).isEqualTo(2);
        assertThat(err.toString()).contains("no source is enabled")
                .contains("sessionsync.twilio.enabled, sessionsync.evovoice.enabled, sessionsync.salesforce.source.enabled");
        assertThat(out.toString()).doesNotContain("source ");
    }
}
