package io.sessionsync.bench;

import io.sessionsync.sandbox.ProxySessionGenerator;
import io.sessionsync.store.SqlColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows the baselines write: the {@code session} table's own columns (read from the catalog), values
 * about as long as a mapped Proxy session's, SID-shaped keys. Generated a page at a time, before the
 * clock runs: a baseline times only the database taking the rows.
 */
final class BaselineRows {
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    /**
     * The simulator's session SIDs: random-looking keys land all over the primary key index, as the
     * pipeline's do; sequential keys would only ever append and flatter the baseline.
     */
    private static final ProxySessionGenerator SIDS = new ProxySessionGenerator(42, Integer.MAX_VALUE, PipelineBackfill.SERVICES);

    final List<SqlColumn> columns;

    private BaselineRows(List<SqlColumn> columns) {
        this.columns = columns;
    }

    /** Creates {@code table} as a fresh copy of {@code session} (same columns, same indexes) in {@code schema}. */
    static BaselineRows copyOfSessionTable(Connection c, String schema, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (LIKE session INCLUDING ALL)");
        }
        List<SqlColumn> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = 'session' ORDER BY ordinal_position")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(SqlColumn.of(rs.getString(1), type(rs.getString(2))));
            }
        }
        if (out.isEmpty()) throw new SQLException("No session table in schema " + schema + " to copy");
        return new BaselineRows(out);
    }

    String columnNames() {
        return String.join(", ", columns.stream().map(SqlColumn::name).toList());
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive); each value typed as its column binds it. */
    Object[][] page(int from, int to, Instant syncedAt) {
        Object[][] rows = new Object[to - from][];
        for (int i = from; i < to; i++) rows[i - from] = row(i, syncedAt);
        return rows;
    }

    private Object[] row(int i, Instant syncedAt) {
        OffsetDateTime t = OffsetDateTime.ofInstant(EPOCH.plusSeconds(i * 7L), ZoneOffset.UTC);
        Object[] v = new Object[columns.size()];
        for (int k = 0; k < columns.size(); k++) {
            SqlColumn col = columns.get(k);
            v[k] = switch (col.type()) {
                case TIMESTAMP -> col.name().equals("synced_at") ? OffsetDateTime.ofInstant(syncedAt, ZoneOffset.UTC) : t.plusSeconds(k);
                case BIGINT -> (long) (i % 3600);
                case INTEGER -> i % 50;
                case BOOLEAN -> false;
                case TEXT, JSON -> text(col.name(), i);
            };
        }
        return v;
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
