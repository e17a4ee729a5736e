package io.sessionsync.bench;

import io.sessionsync.sandbox.ProxySessionGenerator;
import io.sessionsync.store.PostgresDialect;
import io.sessionsync.store.SqlColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What this machine's PostgreSQL can take: the same rows (the {@code session} table's own columns,
 * read from the catalog) written by a plain JDBC batched {@code INSERT ... ON CONFLICT DO UPDATE}
 * with the store's guard, batches of the store's size, one transaction per page, values generated in
 * place. No HTTP, no JSON, no mapping, no hashing: the pipeline's speed limit.
 */
public final class JdbcBaseline {
    public static final String TABLE_NAME = "baseline_session";
    private static final String TABLE = TABLE_NAME;
    /** The store's guard (SessionRows.GUARD), so PostgreSQL does the same work per conflicting row. */
    private static final String GUARD = "{new}.source_updated_at > {old}.source_updated_at"
            + " OR ({new}.source_updated_at = {old}.source_updated_at AND {new}.content_hash <> {old}.content_hash)";
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    /**
     * The simulator's session SIDs: random-looking keys land all over the primary key index, as the
     * pipeline's do; sequential keys would only ever append and flatter the baseline.
     */
    private static final ProxySessionGenerator SIDS = new ProxySessionGenerator(42, Integer.MAX_VALUE, PipelineBackfill.SERVICES);

    private final BenchSchema schema;
    private final int batchSize;
    private final int pageSize;

    public JdbcBaseline(BenchSchema schema, int batchSize, int pageSize) {
        this.schema = schema;
        this.batchSize = batchSize;
        this.pageSize = pageSize;
    }

    /** Writes {@code n} rows into a fresh copy of the {@code session} table (which must exist). */
    public PhaseResult run(int n) throws SQLException {
        try (Connection c = schema.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + TABLE);
                s.execute("CREATE TABLE " + TABLE + " (LIKE session INCLUDING ALL)");
            }
            List<SqlColumn> columns = columns(c);
            String sql = new PostgresDialect().guardedUpsert(TABLE, columns, List.of("source", "source_id"), GUARD);
            c.setAutoCommit(false);
            System.gc();
            HeapPeak.reset();
            long start = System.nanoTime();
            long written = 0;
            Instant syncedAt = Instant.now();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int inBatch = 0;
                for (int i = 0; i < n; i++) {
                    bind(ps, columns, i, syncedAt);
                    ps.addBatch();
                    if (++inBatch == batchSize || i == n - 1) {
                        for (int count : ps.executeBatch()) written += count;
                        inBatch = 0;
                    }
                    if ((i + 1) % pageSize == 0 || i == n - 1) c.commit();
                }
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            return new PhaseResult("plain JDBC baseline", n, written, n - written, 0, wall, HeapPeak.peakBytes(), 0);
        }
    }

    private List<SqlColumn> columns(Connection c) throws SQLException {
        List<SqlColumn> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = 'session' ORDER BY ordinal_position")) {
            ps.setString(1, schema.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(SqlColumn.of(rs.getString(1), type(rs.getString(2))));
            }
        }
        if (out.isEmpty()) throw new SQLException("No session table in schema " + schema.name() + " to copy");
        return out;
    }

    private static SqlColumn.Type type(String dataType) {
        return switch (dataType) {
            case "timestamp with time zone" -> SqlColumn.Type.TIMESTAMP;
            case "bigint" -> SqlColumn.Type.BIGINT;
            case "integer" -> SqlColumn.Type.INTEGER;
            case "boolean" -> SqlColumn.Type.BOOLEAN;
            case "jsonb" -> SqlColumn.Type.JSON;
            default -> SqlColumn.Type.TEXT;
        };
    }

    /** Row {@code i}: values about as long as a mapped Proxy session's, all columns set. */
    private static void bind(PreparedStatement ps, List<SqlColumn> columns, int i, Instant syncedAt) throws SQLException {
        OffsetDateTime t = OffsetDateTime.ofInstant(EPOCH.plusSeconds(i * 7L), ZoneOffset.UTC);
        for (int k = 0; k < columns.size(); k++) {
            SqlColumn col = columns.get(k);
            int p = k + 1;
            switch (col.type()) {
                case TIMESTAMP -> ps.setObject(p, col.name().equals("synced_at")
                        ? OffsetDateTime.ofInstant(syncedAt, ZoneOffset.UTC) : t.plusSeconds(k));
                case BIGINT -> ps.setLong(p, i % 3600);
                case INTEGER -> ps.setInt(p, i % 50);
                case BOOLEAN -> ps.setBoolean(p, false);
                case TEXT, JSON -> ps.setObject(p, text(col.name(), i), Types.VARCHAR);
            }
        }
    }

    private static String text(String column, int i) {
        return switch (column) {
            case "source" -> "twilio-proxy";
            case "source_id" -> SIDS.sid(i);
            case "source_object" -> "Session";
            case "external_key" -> "twilio-proxy:" + SIDS.sid(i);
            case "content_hash" -> String.format(Locale.ROOT, "%064x", i);
            case "attributes" -> "{\"serviceSid\":\"KS00000000000000000000000000000001\",\"mode\":\"voice-and-message\","
                    + "\"ttl\":3600,\"uniqueName\":\"Order #" + (100000 + i) + "\"}";
            case "participants" -> "[]";
            default -> column + "-" + (i % 97);
        };
    }
}
