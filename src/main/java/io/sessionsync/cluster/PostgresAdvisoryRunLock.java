package io.sessionsync.cluster;

import io.sessionsync.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run lock as a PostgreSQL session-level advisory lock, {@code pg_try_advisory_lock(key1, key2)}
 * with a fixed first key and a hash of the store's schema and the source name (advisory locks are
 * database-wide: two deployments in two schemas of one database must not block each other). Each held lock has a connection of its own,
 * outside the store's pool, so a long run does not take a pooled connection from the pages it writes;
 * if the holder dies, PostgreSQL ends the session and the lock is free again.
 */
public final class PostgresAdvisoryRunLock implements RunLock {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresAdvisoryRunLock.class);
    /** First advisory key: "SS" (session-sync), so our locks do not collide with other applications'. */
    static final int NAMESPACE = 0x5353;
    static final String APPLICATION_NAME = "session-sync-run-lock";

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public PostgresAdvisoryRunLock(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** The second advisory key: a CRC-32 of schema and source, stable across JVMs and versions. */
    static int key(String schema, String source) {
        CRC32 crc = new CRC32();
        crc.update((schema + "/" + source).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public Optional<Held> tryAcquire(String source) {
        Connection c = null;
        try {
            Properties p = new Properties();
            if (user != null && !user.isEmpty()) p.setProperty("user", user);
            if (password != null && !password.isEmpty()) p.setProperty("password", password);
            p.setProperty("ApplicationName", APPLICATION_NAME);
            c = DriverManager.getConnection(jdbcUrl, p);
            String schema;
            try (PreparedStatement ps = c.prepareStatement("SELECT current_schema()"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                schema = rs.getString(1);
            }
            int key = key(schema, source);
            boolean got;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                ps.setInt(1, NAMESPACE);
                ps.setInt(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    got = rs.getBoolean(1);
                }
            }
            if (!got) {
                c.close();
                return Optional.empty();
            }
            Connection held = c;
            return Optional.of(() -> release(held, source, key));
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // The failure below is the one worth reporting.
                }
            }
            // The driver's message names host and database, never the password.
            throw new StoreException("Taking the run lock of " + source + " failed: " + e.getMessage()
                    + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private static void release(Connection c, String source, int key) {
        // Closing the session releases its advisory locks even when the unlock below cannot run.
        try (c; PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, key);
            ps.execute();
        } catch (SQLException e) {
            LOG.warn("Releasing the run lock of {} failed ({}); the closed session frees it", source, e.getMessage());
        }
    }
}
