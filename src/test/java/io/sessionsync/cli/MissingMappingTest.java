package io.sessionsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionsync.app.SessionSyncApplication;
import io.sessionsync.mapping.MappingException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An enabled source whose mapping file is missing is refused by {@code mappings check} and at
 * start-up, naming the source and the missing mapping; before, it passed both and every record of
 * the source was dead-lettered.
 */
class MissingMappingTest {
    @TempDir Path dir;
    Path mappings;
    Path config;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void mappingsWithoutTwilio() throws Exception {
        mappings = Files.createDirectories(dir.resolve("mappings"));
        try (Stream<Path> files = Files.list(Path.of("mappings"))) {
            for (Path p : files.toList()) {
                if (!p.getFileName().toString().equals("twilio-proxy-session.yaml")) Files.copy(p, mappings.resolve(p.getFileName()));
            }
        }
        config = dir.resolve("test.properties");
        Files.writeString(config, String.join("\n",
                "sessionsync.store.url = jdbc:h2:file:" + dir.resolve("store").toAbsolutePath(),
                "sessionsync.store.user = sa",
                "sessionsync.mappings.location = file:" + mappings.toAbsolutePath(),
                "sessionsync.twilio.enabled = true",
                "sessionsync.twilio.account-sid = AC00000000000000000000000000000000",
                "sessionsync.twilio.auth-token = test-token",
                "sessionsync.twilio.service-sids = KS00000000000000000000000000000000",
                "sessionsync.evovoice.enabled = true",
                "sessionsync.evovoice.username = someone",
                "sessionsync.evovoice.password = test-password",
                "sessionsync.evovoice.account-ids = 1",
                ""));
    }

    private int run(String... args) {
        return Cli.run(out, err, args);
    }

    @Test
    void mappings_check_refuses_an_enabled_source_without_its_mapping_file() {
        assertThat(run("--config", config.toString(), "mappings", "check")).as(out + "\n" + err).isEqualTo(1);
        assertThat(err.toString()).contains("twilio-proxy").contains("object Session").contains("enabled")
                .contains("sessionsync.twilio.enabled");
        assertThat(err.toString()).doesNotContain("evovoice");
    }

    @Test
    void mappings_check_passes_when_the_enabled_sources_have_their_mappings() throws Exception {
        Files.copy(Path.of("mappings", "twilio-proxy-session.yaml"), mappings.resolve("twilio-proxy-session.yaml"));
        assertThat(run("--config", config.toString(), "mappings", "check")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("source twilio-proxy / Session");
    }

    @Test
    void a_location_given_on_the_command_line_is_checked_against_the_enabled_sources_too() throws Exception {
        Files.writeString(config, Files.readString(config).replace("sessionsync.mappings.location", "# was"));
        assertThat(run("--config", config.toString(), "mappings", "check", "--location", "file:" + mappings.toAbsolutePath()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("twilio-proxy");
    }

    @Test
    void start_up_refuses_an_enabled_source_without_its_mapping_file() {
        Main main = SessionSyncApplication.create(false, config.toString(), SessionSyncApplication.ONE_OFF_ROUTES, Map.of());
        try {
            assertThatThrownBy(main::start).satisfies(e -> assertThat(ExitMessages.describe(e))
                    .contains("twilio-proxy").contains("object Session").contains("sessionsync.twilio.enabled"))
                    .satisfies(e -> assertThat(rootMapping(e)).isNotNull());
            assertThat(dir.resolve("store.mv.db")).as("refused before the store was opened").doesNotExist();
        } finally {
            main.stop();
        }
    }

    private static MappingException rootMapping(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof MappingException m) return m;
        return null;
    }
}
