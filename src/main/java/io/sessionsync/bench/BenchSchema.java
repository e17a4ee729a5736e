package io.sessionsync.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL schema a benchmark owns, named by {@code currentSchema=} in its JDBC URL: dropped and
 * created fresh before a run, dropped after unless kept. Refuses a URL without one, so a benchmark
 * never writes into (or drops) a schema it was not given for itself.
 */
public final class BenchSchema {
    private static final Pattern CURRENT_SCHEMA = Pattern.compile("[?&]currentSchema=([^&]+)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String url;
    private final String user;
    private final String password;
    private final String name;

    public BenchSchema(String url, String user, String password) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--store-url must be a jdbc:postgresql: URL, was " + redact(url));
        }
        Matcher m = CURRENT_SCHEMA.matcher(url);
        if (!m.find() || !IDENTIFIER.matcher(m.group(1)).matches() || m.group(1).equals("public")) {
            throw new IllegalArgumentException("--store-url must name the benchmark's own schema with currentSchema=NAME "
                    + "(lower-case letters, digits, _; not public): it is dropped and created fresh");
        }
        this.url = url;
        this.user = user;
        this.password = password;
        this.name = m.group(1);
    }

    public String name() { return name; }
    public String url() { return url; }
    public String user() { return user; }
    public String password() { return password; }

    /** The same database, another schema of this benchmark's (e.g. {@code bench_sf}). */
    public BenchSchema sibling(String suffix) {
        return new BenchSchema(url.replace("currentSchema=" + name, "currentSchema=" + name + "_" + suffix), user, password);
    }

    public void recreate() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + name + " CASCADE", "CREATE SCHEMA " + name);
    }

    public void drop() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** A connection with one more URL parameter, e.g. {@code reWriteBatchedInserts=true}. */
    public Connection connect(String parameter) throws SQLException {
        return DriverManager.getConnection(url + "&" + parameter, user, password);
    }

    public long count(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM " + name + "." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
