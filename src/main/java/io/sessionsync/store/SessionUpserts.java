package io.sessionsync.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * How a page of session rows reaches the {@code session} table with the version guard, reporting which
 * rows it wrote. Two ways, chosen by the dialect: multi-row statements returning the written keys
 * (PostgreSQL, {@link ReturningUpserts}) or JDBC batches with per-row update counts (H2, {@link BatchedUpserts}).
 */
interface SessionUpserts {

    /**
     * Writes the rows on the caller's connection (its transaction).
     *
     * @param contents the content values of each row ({@link SessionRows#contentValues}), one row per key
     * @param hashes   each row's content hash, same order
     * @return for each row, whether it was inserted or updated (false: the guard kept the stored row)
     */
    boolean[] write(Connection c, List<List<Object>> contents, List<String> hashes, Instant syncedAt) throws SQLException;

    static SessionUpserts forDialect(SqlDialect dialect, int batchSize) {
        int rows = Math.min(batchSize, ReturningUpserts.ROWS_PER_STATEMENT);
        return dialect.guardedUpsertReturningKeys("session", SessionRows.ALL, SessionRows.KEY, SessionRows.GUARD, rows)
                .<SessionUpserts>map(full -> new ReturningUpserts(dialect, rows, full))
                .orElseGet(() -> new BatchedUpserts(
                        dialect.guardedUpsert("session", SessionRows.ALL, SessionRows.KEY, SessionRows.GUARD), batchSize));
    }
}
