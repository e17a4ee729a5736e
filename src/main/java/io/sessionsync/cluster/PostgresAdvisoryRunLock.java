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
 *
 * <p>The flip side: if only the connection dies (a database restart, a proxy's idle timeout, an
 * operator's {@code pg_terminate_backend}), PostgreSQL frees the lock silently while the run goes on.
 * {@link Held#isValid()} asks the lock's own session whether it still holds the lock; the run asks
 * before each page and stops when it does not.
 */
public final class PostgresAdvisoryRunLock implements RunLock {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresAdvisoryRunLock.class);
    /** First advisory key: "SS" (session-sync), so our locks do not collide with other applications'. */
    static final int NAMESPACE = 0x5353;
    static final String APPLICATION_NAME = "session-sync-run-lock";
    /** How long a liveness check may wait on a silent network before it counts the lock as lost. */
    static final int LIVENESS_TIMEOUT_MS = 10_000;

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
            // Keep bound values out of the driver's error messages (and so out of logs).
            p.setProperty("logServerErrorDetail", "false");
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
            // A connection cut without a FIN would make the liveness check hang; let it fail instead.
            c.setNetworkTimeout(Runnable::run, LIVENESS_TIMEOUT_MS);
            return Optional.of(new AdvisoryLock(c, source, key));
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

    /** A lock held by the session of {@code connection}. */
    private static final class AdvisoryLock implements Held {
        private final Connection connection;
        private final String source;
        private final int key;
        private boolean lost;

        AdvisoryLock(Connection connection, String source, int key) {
            this.connection = connection;
            this.source = source;
            this.key = key;
        }

        /** Asks the holding session itself: when that session is gone, so is the lock. */
        @Override
        public synchronized boolean isValid() {
            if (lost) return false;
            try (PreparedStatement ps = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks"
                    + " WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted"
                    + " AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 2)")) {
                ps.setLong(1, NAMESPACE);
                ps.setLong(2, Integer.toUnsignedLong(key));  // pg_locks shows the key as an unsigned oid
                try (ResultSet rs = ps.executeQuery()) {
                    lost = !(rs.next() && rs.getBoolean(1));
                }
            } catch (SQLException e) {
                lost = true;
                LOG.warn("The run lock of {} was lost: its database session is gone ({}, SQLState {})",
                        source, firstLine(e.getMessage()), e.getSQLState());
                return false;
            }
            if (lost) LOG.warn("The run lock of {} was lost: its database session no longer holds it", source);
            return !lost;
        }

        @Override
        public synchronized void close() {
            release(connection, source, key);
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void release(Connection c, String source, int key) {
        // Closing the session releases its advisory locks even when the unlock below cannot run.
        try (c; PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, key);
            ps.execute();
        } catch (SQLException e) {
            LOG.warn("Releasing the run lock of {} failed ({}); the closed session frees it", source, firstLine(e.getMessage()));
        }
    }
}
