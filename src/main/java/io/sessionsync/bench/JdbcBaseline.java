package io.sessionsync.bench;

import io.sessionsync.store.PostgresDialect;
import io.sessionsync.store.SqlColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What this machine's PostgreSQL takes by plain JDBC: the same rows ({@link BaselineRows}) written by a
 * batched one-row {@code INSERT ... ON CONFLICT DO UPDATE} with the store's guard into a copy of the
 * {@code session} table (same indexes), one transaction per page. No HTTP, no JSON, no mapping, no
 * hashing, values ready before the clock runs: the pipeline's speed limit by JDBC.
 *
 * <p>{@link #fair} is the bar (batches of 1000 with {@code reWriteBatchedInserts=true}, which the
 * driver turns into multi-row inserts); {@link #storeSettings} is the benchmark's old baseline, at the
 * store's batch size without the rewrite, kept to show what the rewrite alone is worth.
 */
public final class JdbcBaseline {
    /** The store's guard (SessionRows.GUARD), so PostgreSQL does the same work per conflicting row. */
    private static final String GUARD = "{new}.source_updated_at > {old}.source_updated_at"
            + " OR ({new}.source_updated_at = {old}.source_updated_at AND {new}.content_hash <> {old}.content_hash)";

    private final BenchSchema schema;
    private final String name;
    private final String table;
    private final int batchSize;
    private final boolean rewrite;
    private final int pageSize;

    private JdbcBaseline(BenchSchema schema, String name, String table, int batchSize, boolean rewrite, int pageSize) {
        this.schema = schema;
        this.name = name;
        this.table = table;
        this.batchSize = batchSize;
        this.rewrite = rewrite;
        this.pageSize = pageSize;
    }

    /** The bar: batches of 1000, {@code reWriteBatchedInserts=true}, into {@code baseline_session}. */
    public static JdbcBaseline fair(BenchSchema schema, int pageSize) {
        return new JdbcBaseline(schema, "plain JDBC baseline", "baseline_session", 1000, true, pageSize);
    }

    /** The old built-in baseline: the store's batch size, no rewrite, into {@code baseline_store_batch}. */
    public static JdbcBaseline storeSettings(BenchSchema schema, int batchSize, int pageSize) {
        return new JdbcBaseline(schema, "JDBC b" + batchSize + " no rewrite", "baseline_store_batch", batchSize, false, pageSize);
    }

    public String table() {
        return table;
    }

    /** Writes {@code n} rows into a fresh copy of the {@code session} table (which must exist). */
    public PhaseResult run(int n) throws SQLException {
        try (Connection c = rewrite ? schema.connect("reWriteBatchedInserts=true") : schema.connect()) {
            BaselineRows rows = BaselineRows.copyOfSessionTable(c, schema.name(), table);
            String sql = new PostgresDialect().guardedUpsert(table, rows.columns, List.of("source", "source_id"), GUARD);
            c.setAutoCommit(false);
            PhaseClock clock = PhaseClock.start();
            Instant syncedAt = Instant.now();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int from = 0; from < n; from += pageSize) {
                    int to = Math.min(n, from + pageSize);
                    clock.pause();
                    Object[][] page = rows.page(from, to, syncedAt);
                    clock.resume();
                    int inBatch = 0;
                    for (Object[] row : page) {
                        bind(ps, rows.columns, row);
                        ps.addBatch();
                        if (++inBatch == batchSize) {
                            ps.executeBatch();
                            inBatch = 0;
                        }
                    }
                    if (inBatch > 0) ps.executeBatch();
                    c.commit();
                }
            }
            PhaseClock.Reading took = clock.stop();
            // Counted in the table, not summed from update counts: with the rewrite the driver reports none (-2 each).
            long written = schema.count(table);
            return new PhaseResult(name, n, written, n - written, 0, took.wall(), took.peakHeapBytes(), 0);
        }
    }

    private static void bind(PreparedStatement ps, List<SqlColumn> columns, Object[] row) throws SQLException {
        for (int k = 0; k < row.length; k++) {
            SqlColumn.Type type = columns.get(k).type();
            if (type == SqlColumn.Type.TEXT || type == SqlColumn.Type.JSON) ps.setObject(k + 1, row[k], Types.VARCHAR);
            else ps.setObject(k + 1, row[k]);
        }
    }
}
