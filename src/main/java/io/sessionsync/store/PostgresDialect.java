package io.sessionsync.store;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * PostgreSQL: upsert is {@code INSERT ... ON CONFLICT ... DO UPDATE ... WHERE guard}. PostgreSQL
 * re-checks the guard against the latest committed row after taking its lock, so the guard holds
 * under concurrent writers.
 */
public final class PostgresDialect implements SqlDialect {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String guardedUpsert(String table, List<SqlColumn> columns, List<String> keyColumns, String guard) {
        return upsert(table, columns, keyColumns, guard, 1);
    }

    /**
     * {@code INSERT ... VALUES (...), (...) ON CONFLICT ... DO UPDATE ... WHERE guard RETURNING keys}:
     * PostgreSQL returns exactly the rows it inserted or updated, so per-row outcomes survive without
     * per-row update counts (which {@code reWriteBatchedInserts} would hide), in one round trip.
     */
    @Override
    public Optional<String> guardedUpsertReturningKeys(String table, List<SqlColumn> columns, List<String> keyColumns,
                                                       String guard, int rows) {
        if (rows < 1) throw new IllegalArgumentException("rows must be >= 1, was " + rows);
        return Optional.of(upsert(table, columns, keyColumns, guard, rows) + " RETURNING " + String.join(", ", keyColumns));
    }

    private String upsert(String table, List<SqlColumn> columns, List<String> keyColumns, String guard, int rows) {
        String names = columns.stream().map(SqlColumn::name).collect(Collectors.joining(", "));
        String row = columns.stream().map(this::parameter).collect(Collectors.joining(", ", "(", ")"));
        String set = columns.stream().map(SqlColumn::name).filter(c -> !keyColumns.contains(c))
                .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        String where = guard == null ? "" : " WHERE " + guard.replace("{new}", "EXCLUDED").replace("{old}", table);
        return "INSERT INTO " + table + " (" + names + ") VALUES " + String.join(", ", Collections.nCopies(rows, row))
                + " ON CONFLICT (" + String.join(", ", keyColumns) + ") DO UPDATE SET " + set + where;
    }

    /** participants and attributes are {@code jsonb}: the JSON text is cast on the way in. */
    @Override
    public String parameter(SqlColumn column) {
        return column.type() == SqlColumn.Type.JSON ? "CAST(? AS jsonb)" : "?";
    }

    @Override
    public Optional<String> refreshStatistics(String table) {
        return Optional.of("ANALYZE " + table);
    }

    @Override
    public String lockSkippingLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }
}
