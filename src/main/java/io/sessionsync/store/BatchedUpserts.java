package io.sessionsync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The one-row guarded upsert in JDBC batches; each row's update count says whether it was written (H2). */
final class BatchedUpserts implements SessionUpserts {
    private final String sql;
    private final int batchSize;

    BatchedUpserts(String sql, int batchSize) {
        this.sql = sql;
        this.batchSize = batchSize;
    }

    @Override
    public boolean[] write(Connection c, List<List<Object>> contents, List<String> hashes, Instant syncedAt) throws SQLException {
        boolean[] written = new boolean[contents.size()];
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int from = 0; from < contents.size(); from += batchSize) {
                int to = Math.min(contents.size(), from + batchSize);
                for (int i = from; i < to; i++) {
                    SessionRows.bind(ps, 1, contents.get(i), hashes.get(i), syncedAt);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    // SUCCESS_NO_INFO would hide which rows were written; the H2 driver never returns it.
                    if (counts[i] == PreparedStatement.SUCCESS_NO_INFO) {
                        throw new SQLException("The JDBC driver did not report per-row update counts");
                    }
                    written[from + i] = counts[i] > 0;
                }
            }
        }
        return written;
    }
}
