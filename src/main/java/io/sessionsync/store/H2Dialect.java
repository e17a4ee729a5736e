package io.sessionsync.store;

import java.util.List;
import java.util.stream.Collectors;

/**
 * H2 2.3: upsert is {@code MERGE INTO ... USING ... WHEN MATCHED AND guard ...}. The parameters are
 * cast because H2 cannot infer the type of a bare {@code ?} in the source query. JSON columns stay
 * VARCHAR: H2's JSON type would store a bound string as one JSON string literal.
 */
public final class H2Dialect implements SqlDialect {

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public String guardedUpsert(String table, List<SqlColumn> columns, List<String> keyColumns, String guard) {
        String source = columns.stream()
                .map(c -> "CAST(? AS " + c.type().sqlName() + ") AS " + c.name())
                .collect(Collectors.joining(", "));
        String on = keyColumns.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
        String set = columns.stream().map(SqlColumn::name).filter(c -> !keyColumns.contains(c))
                .map(c -> c + " = s." + c).collect(Collectors.joining(", "));
        String names = columns.stream().map(SqlColumn::name).collect(Collectors.joining(", "));
        String values = columns.stream().map(c -> "s." + c.name()).collect(Collectors.joining(", "));
        String matched = guard == null ? "" : " AND (" + guard.replace("{new}", "s").replace("{old}", "t") + ")";
        return "MERGE INTO " + table + " t USING (SELECT " + source + ") s ON " + on
                + " WHEN MATCHED" + matched + " THEN UPDATE SET " + set
                + " WHEN NOT MATCHED THEN INSERT (" + names + ") VALUES (" + values + ")";
    }

    @Override
    public String lockSkippingLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }
}
