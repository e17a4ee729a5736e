package io.sessionsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionsync.config.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening the store: dialect choice, migrations, and errors that name the problem but not the password. */
class DatabaseTest {
    private static final String CANARY = "canary-Pa55word-7f3e";

    @TempDir
    Path dir;

    @Test
    void an_h2_url_gets_the_h2_dialect_and_a_migrated_schema_that_reopens() throws Exception {
        try (Database db = TestDatabases.h2(dir)) {
            assertThat(db.dialect()).isInstanceOf(H2Dialect.class);
            try (Connection c = db.dataSource().getConnection();
                 ResultSet rs = c.getMetaData().getTables(null, null, "SESSION", null)) {
                assertThat(rs.next()).isTrue();
            }
            new SessionStore(db).upsert(List.of(Sessions.sparse("S1", Sessions.T0)));
        }
        try (Database again = TestDatabases.h2(dir)) {
            assertThat(new SessionStore(again).count()).isEqualTo(1);
        }
    }

    @Test
    void h2_opens_without_user_or_password() {
        String url = "jdbc:h2:file:" + dir.resolve("anonymous").toAbsolutePath();
        try (Database db = Database.open(new StoreSettings(url, null, null, 0))) {
            assertThat(new SessionStore(db).count()).isZero();
        }
    }

    @Test
    void the_dialect_follows_the_url() {
        assertThat(SqlDialect.forUrl("jdbc:postgresql://db:5432/x")).isInstanceOf(PostgresDialect.class);
        assertThat(SqlDialect.forUrl(Settings.STORE_URL.defaultValue())).isInstanceOf(H2Dialect.class);
        assertThatThrownBy(() -> SqlDialect.forUrl("jdbc:mysql://db/x?password=" + CANARY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql:")
                .hasMessageNotContaining(CANARY);
    }

    @Test
    void settings_default_to_the_embedded_database_and_hide_the_password() {
        StoreSettings s = new StoreSettings(" ", "u", CANARY, 0);

        assertThat(s.jdbcUrl()).isEqualTo("jdbc:h2:file:./data/session-sync");
        assertThat(s.poolSize()).isEqualTo(Integer.parseInt(Settings.STORE_POOL_SIZE.defaultValue()));
        assertThat(s.toString()).doesNotContain(CANARY);
        assertThat(new StoreSettings("jdbc:postgresql://h/db?user=u&password=" + CANARY, null, null, 1).toString())
                .doesNotContain(CANARY);
    }

    @Test
    void an_unreachable_database_fails_clearly_without_the_password() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/test?connectTimeout=2&password=" + CANARY;

        assertThatThrownBy(() -> Database.open(new StoreSettings(url, "postgres", CANARY, 1)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .satisfies(e -> assertThat(fullTrace(e)).doesNotContain(CANARY));
    }

    private static String fullTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
