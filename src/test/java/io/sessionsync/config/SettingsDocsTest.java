package io.sessionsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * config/application.properties and the README's settings tables say what {@link Settings}
 * declares, word for word. When a declaration changes, regenerate both with
 * {@code mvn -B -o -q test -Dtest=SettingsDocsTest -Dsessionsync.docs.write=true} and review the diff.
 */
class SettingsDocsTest {
    private static final boolean WRITE = Boolean.getBoolean("sessionsync.docs.write");
    private static final Path PROPERTIES = Path.of("config/application.properties");
    private static final Path README = Path.of("README.md");

    @Test
    void application_properties_comments_and_defaults_come_from_the_declarations() throws IOException {
        String text = Files.readString(PROPERTIES);
        String generated = SettingsDocs.properties(text);
        if (WRITE) Files.writeString(PROPERTIES, generated);
        assertThat(text).as(PROPERTIES + " differs from the declarations in Settings; regenerate it (see this test's javadoc)")
                .isEqualTo(generated);
    }

    /** The README and the pages under docs/: where settings tables may live. */
    private static java.util.List<Path> pages() throws IOException {
        java.util.List<Path> pages = new java.util.ArrayList<>(java.util.List.of(README));
        try (var docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void readme_settings_tables_come_from_the_declarations() throws IOException {
        for (Path page : pages()) {
            String text = Files.readString(page);
            String generated = SettingsDocs.readme(text);
            if (WRITE) Files.writeString(page, generated);
            assertThat(text).as(page + " settings tables differ from the declarations in Settings; regenerate them (see this test's javadoc)")
                    .isEqualTo(generated);
        }
    }

    @Test
    void every_connector_setting_appears_in_a_readme_table() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path page : pages()) all.append(Files.readString(page));
        String text = all.toString();
        for (Setting s : Settings.declared()) {
            for (String prefix : new String[] {"sessionsync.twilio.", "sessionsync.evovoice.", "sessionsync.salesforce."}) {
                if (!s.key().startsWith(prefix)) continue;
                assertThat(text).as("README table row of " + s.key())
                        .contains("| `" + s.key().substring(prefix.length()) + "` | ");
            }
        }
    }

    @Test
    void the_generators_follow_the_declarations() {
        String stale = "# --- Store ---\n# an old comment\n# on two lines\nsessionsync.store.pool-size = 7\n";
        assertThat(SettingsDocs.properties(stale))
                .isEqualTo("# --- Store ---\n" + SettingsDocs.comment(Settings.STORE_POOL_SIZE) + "\nsessionsync.store.pool-size = 4\n");
        assertThat(SettingsDocs.comment(Settings.STORE_PASSWORD)).isEqualTo("# Database password (set SESSIONSYNC_STORE_PASSWORD instead)");
        String readme = "before\n<!-- settings: sessionsync.store. -->\n| stale |\n<!-- /settings -->\nafter";
        assertThat(SettingsDocs.readme(readme))
                .contains("| `pool-size` | `4` | an integer 1..200 | Connections in the store's pool |")
                .contains("| `password` | none | any | Database password; secret: set `SESSIONSYNC_STORE_PASSWORD` |")
                .doesNotContain("| stale |").startsWith("before\n").endsWith("<!-- /settings -->\nafter");
    }
}
