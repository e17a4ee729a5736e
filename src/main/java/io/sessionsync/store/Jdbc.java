package io.sessionsync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import io.sessionsync.reliability.ErrorClassifier;

/** Small JDBC helpers the stores share: UTC timestamps at database precision, and transactions. */
final class Jdbc {
    private Jdbc() {}

    /** How often a unit that keeps losing races to other writers is run before its conflict is thrown. */
    private static final int RACES = 5;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Now, at the precision both databases keep (microseconds), so what we write reads back equal. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static Instant micros(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime toDb(Instant i) {
        if (i == null) return null;
        // Not OffsetDateTime.ofInstant(t, UTC): it asks the offset for its ZoneRules, which a ZoneOffset builds
        // afresh on every call (115 MB of a 300k backfill's 4.6 GB allocated, JFR). Same value, no rules.
        Instant t = i.truncatedTo(ChronoUnit.MICROS);
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC), ZoneOffset.UTC);
    }

    /**
     * A null goes with the type name a set instant goes as: without it PgJDBC sends a null as of no type and
     * a set one as timestamptz, and prepares a statement anew whenever that differs from its last execution.
     * A page upsert of real sessions (open ones have no end) was so parsed and planned on every page: a fifth
     * of PostgreSQL's CPU in a 1M backfill (perf, docs/scale.md). H2 ignores the name.
     */
    static void setInstant(PreparedStatement ps, int index, Instant i) throws SQLException {
        if (i == null) ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE, "timestamptz");
        else ps.setObject(index, toDb(i));
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Runs {@code work} in one transaction; commits, or rolls back and rethrows. */
    static <T> T inTransaction(DataSource ds, Work<T> work) throws SQLException {
        try (Connection c = ds.getConnection()) {
            // HikariCP restores auto-commit when the connection goes back to the pool.
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    /**
     * Like {@link #inTransaction}, but a unit that lost a race with another writer of the same rows
     * ({@link ErrorClassifier#isWriteConflict}) is run again at once. This is not a retry of a fault, and
     * it waits for nothing: the guard in SQL decides again with the other writer's row in place. Faults
     * (a dropped connection, a timeout) are thrown to the one retry policy around the step.
     */
    static <T> T inRetriedTransaction(DataSource ds, Work<T> work) throws SQLException {
        for (int race = 1; ; race++) {
            try {
                return inTransaction(ds, work);
            } catch (SQLException e) {
                if (race >= RACES || !ErrorClassifier.isWriteConflict(e)) throw e;
            }
        }
    }

    /** Wraps a JDBC failure; the message names the operation (never bound values, which may be personal data). */
    static StoreException fail(String operation, SQLException e) {
        // The first line only: PostgreSQL's further lines may quote the failing row (personal data).
        String message = e.getMessage() == null ? "" : e.getMessage();
        int nl = message.indexOf('\n');
        return new StoreException(operation + " failed: " + (nl < 0 ? message : message.substring(0, nl))
                + " (SQLState " + e.getSQLState() + ")", e);
    }

    /** A single-number query, e.g. a COUNT, with string parameters. */
    static long count(Database db, String sql, String... params) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setString(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw fail("Counting (" + sql + ")", e);
        }
    }

    /** The id the database generated for the row just inserted. */
    static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) throw new SQLException("The database returned no generated id");
            return keys.getLong(1);
        }
    }

    /** Binds parameters in order: Instants as UTC timestamps, the rest as JDBC objects. */
    static void bindAll(PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Instant instant) setInstant(ps, i + 1, instant);
            else if (p == null) ps.setNull(i + 1, Types.VARCHAR);
            else ps.setObject(i + 1, p);
        }
    }

    /** One auto-committed data change; returns the rows changed. */
    static int update(Database db, String sql, String operation, Object... params) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bindAll(ps, Arrays.asList(params));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw fail(operation, e);
        }
    }
}
