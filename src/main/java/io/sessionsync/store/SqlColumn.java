package io.sessionsync.store;

import java.sql.Types;

/** A column a statement binds, with the SQL type its parameter carries. */
public record SqlColumn(String name, Type type) {

    /** The few column types the store uses, with their JDBC type (for NULLs) and H2 cast spelling. */
    public enum Type {
        TEXT(Types.VARCHAR, "VARCHAR"),
        TIMESTAMP(Types.TIMESTAMP_WITH_TIMEZONE, "TIMESTAMP(6) WITH TIME ZONE"),
        BIGINT(Types.BIGINT, "BIGINT"),
        INTEGER(Types.INTEGER, "INTEGER"),
        BOOLEAN(Types.BOOLEAN, "BOOLEAN"),
        /** JSON text; each dialect decides how it is stored ({@link SqlDialect#parameter}). */
        JSON(Types.VARCHAR, "VARCHAR");

        private final int jdbcType;
        private final String sqlName;

        Type(int jdbcType, String sqlName) {
            this.jdbcType = jdbcType;
            this.sqlName = sqlName;
        }

        public int jdbcType() { return jdbcType; }
        public String sqlName() { return sqlName; }
    }

    public static SqlColumn of(String name, Type type) {
        return new SqlColumn(name, type);
    }
}
