package io.sessionsync.store;

import java.util.List;
import java.util.Optional;

/**
 * Everything H2 and PostgreSQL spell differently, in one place. Stores build their SQL through this
 * interface and never ask which database they talk to.
 */
public interface SqlDialect {

    /** Flyway's name for the vendor; also the folder of its migrations. */
    String name();

    /** Where this vendor's Flyway migrations live. */
    default String migrationLocation() {
        return "classpath:db/migration/" + name();
    }

    /**
     * An insert-or-update of one row, with one {@code ?} per column in the order given. An existing row
     * (same {@code keyColumns}) is updated only when {@code guard} holds; the statement's update count is
     * 1 when the row was inserted or updated and 0 when the guard kept the stored row.
     *
     * @param guard SQL condition over the incoming row, written {@code {new}.column}, and the stored row,
     *              written {@code {old}.column}; null for an unconditional update
     */
    String guardedUpsert(String table, List<SqlColumn> columns, List<String> keyColumns, String guard);

    /**
     * The same guarded upsert for {@code rows} rows in one statement ({@code rows} groups of one
     * {@code ?} per column, row after row), returning the {@code keyColumns} of each row it inserted or
     * updated and nothing for a row the guard kept. Empty where the database has no such statement: the
     * store then sends {@link #guardedUpsert} in JDBC batches and reads the per-row update counts.
     */
    default Optional<String> guardedUpsertReturningKeys(String table, List<SqlColumn> columns, List<String> keyColumns,
                                                        String guard, int rows) {
        return Optional.empty();
    }

    /**
     * The placeholder that binds one value of {@code column}: a plain {@code ?}, or a cast where the
     * column's database type is not the type the value is bound as (JSON text into {@code jsonb}).
     */
    default String parameter(SqlColumn column) {
        return "?";
    }

    /**
     * The clause ending a {@code SELECT} that locks the rows it returns, skipping rows other
     * transactions hold, so that several instances can each claim a different share of a queue table.
     */
    String lockSkippingLocked();

    /**
     * A statement that refreshes the planner's statistics of {@code table}, or empty when the database
     * needs none (H2 picks the primary key for key lookups whatever its statistics say).
     */
    default Optional<String> refreshStatistics(String table) {
        return Optional.empty();
    }

    /** The dialect for a JDBC URL; a clear error for a database we do not support. */
    static SqlDialect forUrl(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:")) return new H2Dialect();
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) return new PostgresDialect();
        // Name only the URL's scheme: the rest may carry credentials.
        String scheme = jdbcUrl == null ? "null" : jdbcUrl.replaceFirst("^(jdbc:[^:]*:).*$", "$1");
        throw new IllegalArgumentException("Unsupported JDBC URL '" + scheme
                + "...': session-sync supports jdbc:h2: and jdbc:postgresql:");
    }
}
