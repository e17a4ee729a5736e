package io.sessionsync.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh schema in the local PostgreSQL for one test, dropped afterwards. With CI=true an
 * unreachable PostgreSQL fails the test instead of skipping it.
 */
public final class TestPostgres implements AutoCloseable {
    public static final String URL = System.getenv().getOrDefault("SESSION_SYNC_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("SESSION_SYNC_TEST_PG_USER", "postgres");

    private final String schema;

    private TestPostgres(String schema) {
        this.schema = schema;
    }

    public static TestPostgres freshSchema(String prefix) {
        return named(prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT));
    }

    /** Creates the schema {@code schema}. */
    public static TestPostgres named(String schema) {
        try (Connection c = DriverManager.getConnection(URL, USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String why = "PostgreSQL at " + URL + " is not reachable: " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(why);
            Assumptions.abort(why);
        }
        return new TestPostgres(schema);
    }

    /** The JDBC URL of this schema. */
    public String url() {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A relay to this PostgreSQL that a test can cut: a database outage for whoever connects through it. */
    public static TcpProxy proxy() throws java.io.IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("//([^:/]+):(\\d+)/").matcher(URL);
        if (!m.find()) throw new IllegalStateException("no host:port in " + URL);
        return new TcpProxy(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** The JDBC URL of this schema, through {@code proxy}. */
    public String url(TcpProxy proxy) {
        return url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
    }

    public String schema() {
        return schema;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    /** The first column of the first row of a query, as a long. */
    public long queryLong(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Runs one statement; answers the rows it changed. */
    public int execute(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            return ps.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
