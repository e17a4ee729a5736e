package io.sessionsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.store.Database;
import io.sessionsync.store.StoreSettings;
import io.sessionsync.testing.LogCapture;
import io.sessionsync.testing.TestPostgres;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runs}, {@code dead-letters list} and {@code dead-letters show} only read the store: they never
 * migrate it. A store without session-sync's schema, or with an older one, stops them with exit 1 and a
 * message naming the store (never its password) and saying that {@code sync} or {@code run} migrates it.
 */
class ReadOnlyCommandsTest {
    static final String[][] READ_ONLY = {{"runs"}, {"dead-letters", "list"}, {"dead-letters", "show", "1"}};
    static final String SECRET = "not-to-be-shown-42";

    @TempDir Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(Path config, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Cli.runWithConfig(out, err, config, args);
    }

    private Path config(String url, String user, String password) throws Exception {
        Path config = dir.resolve("test.properties");
        Files.writeString(config, "sessionsync.store.url = " + url + "\nsessionsync.store.user = " + user
                + "\nsessionsync.store.password = " + password + "\n");
        return config;
    }

    @Test
    void an_h2_store_that_does_not_exist_is_named_and_not_created() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        Path config = config(url, "sa", "");
        for (String[] command : READ_ONLY) {
            assertThat(run(config, command)).as(String.join(" ", command)).isEqualTo(1);
            assertThat(err.toString()).as(String.join(" ", command))
                    .contains("The store database at " + url + " does not exist yet")
                    .contains("run `session-sync sync` (or `run`) once, which migrates it")
                    .doesNotContain("\tat ");
            assertThat(out.toString()).isEmpty();
        }
        assertThat(dir.resolve("store.mv.db")).as("no store file was created").doesNotExist();
    }

    @Test
    void an_h2_store_with_an_older_schema_is_refused_and_left_at_its_version() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/h2").target("3").load().migrate();
        Path config = config(url, "sa", "");

        for (String[] command : READ_ONLY) {
            assertThat(run(config, command)).as(String.join(" ", command)).isEqualTo(1);
            assertThat(err.toString()).as(String.join(" ", command))
                    .contains("The store database at " + url + " has schema version 3, this version of session-sync needs ")
                    .contains("run `session-sync sync` (or `run`) once, which migrates it");
        }
        assertThat(latestVersion(url, "sa")).as("not migrated").isEqualTo("3");

        // What the message says to do works: an opening that migrates (as sync and run do), then the commands read.
        Database.open(new StoreSettings(url, "sa", "", 2)).close();
        assertThat(run(config, "runs")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("no runs yet");
        assertThat(run(config, "dead-letters", "list")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("no dead letters match");
    }

    @Test
    void an_empty_postgres_schema_is_refused_without_its_password_and_stays_empty() throws Exception {
        try (TestPostgres pg = TestPostgres.freshSchema("it_readonly")) {
            // PostgreSQL's local trust authentication accepts any password: it must still never be shown.
            Path config = config(pg.url() + "&password=" + SECRET, TestPostgres.USER, SECRET);
            for (String[] command : READ_ONLY) {
                assertThat(run(config, command)).as(String.join(" ", command)).isEqualTo(1);
                assertThat(err.toString()).as(String.join(" ", command))
                        .contains("The store database at " + pg.url() + "&password=*** has no session-sync schema yet")
                        .contains("run `session-sync sync` (or `run`) once, which migrates it")
                        .doesNotContain(SECRET);
            }
            assertThat(pg.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = ?", pg.schema()))
                    .as("no table was created, not even Flyway's history").isZero();
        }
    }

    @Test
    void they_warn_of_an_unknown_setting_as_the_app_does_and_of_a_store_a_newer_version_migrated() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        Database.open(new StoreSettings(url, "sa", "", 2)).close();
        Path config = config(url, "sa", "");
        Files.writeString(config, "sessionsync.store.batch-sise = 10\n", java.nio.file.StandardOpenOption.APPEND);
        try (LogCapture log = LogCapture.capture()) {
            for (String[] command : new String[][] {{"runs"}, {"dead-letters", "list"}}) {
                assertThat(run(config, command)).as(err.toString()).isZero();
            }
            assertThat(log.text()).contains("WARN unknown setting sessionsync.store.batch-sise is ignored; "
                    + "did you mean sessionsync.store.batch-size?").doesNotContain("newer than this version");
        }

        // as a later session-sync leaves it: one more migration applied than this version has
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", "
                    + "\"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") "
                    + "VALUES (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'sa', 1, TRUE)");
        }
        try (LogCapture log = LogCapture.capture()) {
            assertThat(run(config, "runs")).as(err.toString()).isZero();
            assertThat(log.text()).contains("WARN The store database at " + url + " has schema version 999, newer than this "
                    + "version of session-sync knows; it is read as this version reads it");
        }
    }

    private static String latestVersion(String url, String user) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" ORDER BY \"installed_rank\" DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
