package io.sessionsync.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The physical-ish limit: the same rows as the JDBC baseline ({@link BaselineRows}) loaded with
 * {@code COPY ... FROM STDIN} into a copy of the {@code session} table (same indexes), one COPY and one
 * transaction per page. No conflict handling and no guard (COPY cannot upsert), so no upsert gets near it.
 */
public final class CopyBaseline {
    public static final String TABLE = "baseline_copy";

    private final BenchSchema schema;
    private final int pageSize;

    public CopyBaseline(BenchSchema schema, int pageSize) {
        this.schema = schema;
        this.pageSize = pageSize;
    }

    public PhaseResult run(int n) throws Exception {
        try (Connection c = schema.connect()) {
            BaselineRows rows = BaselineRows.copyOfSessionTable(c, schema.name(), TABLE);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            String sql = "COPY " + TABLE + " (" + rows.columnNames() + ") FROM STDIN (FORMAT csv)";
            c.setAutoCommit(false);
            PhaseClock clock = PhaseClock.start();
            Instant syncedAt = Instant.now();
            for (int from = 0; from < n; from += pageSize) {
                clock.pause();
                String csv = csv(rows.page(from, Math.min(n, from + pageSize), syncedAt));
                clock.resume();
                copy.copyIn(sql, new StringReader(csv));
                c.commit();
            }
            PhaseClock.Reading took = clock.stop();
            long written = schema.count(TABLE);
            return new PhaseResult("COPY (no upsert)", n, written, n - written, 0, took.wall(), took.peakHeapBytes(), 0);
        }
    }

    private static String csv(Object[][] page) {
        StringBuilder b = new StringBuilder(page.length * 600);
        for (Object[] row : page) {
            for (int k = 0; k < row.length; k++) {
                if (k > 0) b.append(',');
                Object v = row[k];
                if (v == null) continue;
                String text = v instanceof OffsetDateTime t ? t.toString() : v.toString();
                b.append('"').append(text.replace("\"", "\"\"")).append('"');
            }
            b.append('\n');
        }
        return b.toString();
    }
}
