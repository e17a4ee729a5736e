package io.sessionsync.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh random schema in the local PostgreSQL for one test, dropped afterwards. With CI=true an
 * unreachable PostgreSQL fails the test instead of skipping it.
 */
final class PgSchema implements AutoCloseable {
    static final String URL = System.getenv().getOrDefault("SESSION_SYNC_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("SESSION_SYNC_TEST_PG_USER", "postgres");

    final String name;

    private PgSchema(String name) {
        this.name = name;
    }

    static PgSchema create() {
        String name = "it_rel_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            String why = "PostgreSQL at " + URL + " is not reachable: " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(why);
            Assumptions.abort(why);
        }
        return new PgSchema(name);
    }

    /** The store URL for this schema, with an application name that lets a test find its connections. */
    String url(String applicationName) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + name + "&ApplicationName=" + applicationName;
    }

    String url() {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url(), USER, "");
        return c;
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
