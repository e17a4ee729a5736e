package io.sessionsync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-row guarded upserts that return the keys they wrote (PostgreSQL): {@link #ROWS_PER_STATEMENT}
 * rows a statement, the remainder in one shorter statement. Measured 1.21x the one-row JDBC batches
 * (issue 14), and it needs no per-row update counts, so {@code reWriteBatchedInserts=true} changes nothing.
 */
final class ReturningUpserts implements SessionUpserts {
    /**
     * Rows per statement: 128 rows of 37 parameters stay far below PostgreSQL's 32,767 bind parameters,
     * and longer statements gained nothing more (planning grows with the row count).
     */
    static final int ROWS_PER_STATEMENT = 128;

    private final SqlDialect dialect;
    private final int rows;
    private final String fullSql;

    ReturningUpserts(SqlDialect dialect, int rows, String fullSql) {
        this.dialect = dialect;
        this.rows = rows;
        this.fullSql = fullSql;
    }

    @Override
    public boolean[] write(Connection c, List<List<Object>> contents, List<String> hashes, Instant syncedAt) throws SQLException {
        boolean[] written = new boolean[contents.size()];
        int full = contents.size() / rows * rows;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(fullSql)) {
                for (int from = 0; from < full; from += rows) execute(ps, contents, hashes, syncedAt, from, from + rows, written);
            }
        }
        if (full < contents.size()) {
            String rest = dialect.guardedUpsertReturningKeys("session", SessionRows.ALL, SessionRows.KEY, SessionRows.GUARD,
                    contents.size() - full).orElseThrow();
            try (PreparedStatement ps = c.prepareStatement(rest)) {
                execute(ps, contents, hashes, syncedAt, full, contents.size(), written);
            }
        }
        return written;
    }

    private static void execute(PreparedStatement ps, List<List<Object>> contents, List<String> hashes, Instant syncedAt,
                                int from, int to, boolean[] written) throws SQLException {
        Map<Key, Integer> rowOfKey = new HashMap<>((to - from) * 2);
        int index = 1;
        for (int i = from; i < to; i++) {
            List<Object> content = contents.get(i);
            index = SessionRows.bind(ps, index, content, hashes.get(i), syncedAt);
            rowOfKey.put(new Key((String) content.get(0), (String) content.get(1)), i);
        }
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Integer row = rowOfKey.get(new Key(rs.getString(1), rs.getString(2)));
                if (row == null) throw new SQLException("The upsert returned a key it was not given");
                written[row] = true;
            }
        }
    }

    /** A row's primary key: {@code source} and {@code source_id} (the first two content values). */
    private record Key(String source, String sourceId) {}
}
