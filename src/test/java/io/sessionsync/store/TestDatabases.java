package io.sessionsync.store;

import io.sessionsync.testing.TestPostgres;


import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Real databases for store tests: an H2 file in a temp folder, or a fresh random schema in the local
 * PostgreSQL. With CI=true an unreachable PostgreSQL fails the test instead of skipping it.
 */
final class TestDatabases {
    static final String PG_URL = TestPostgres.URL;
    static final String PG_USER = TestPostgres.USER;

    private TestDatabases() {}

    static Database h2(Path dir) {
        return Database.open(new StoreSettings("jdbc:h2:file:" + dir.resolve("store").toAbsolutePath(), "sa", "", 4));
    }

    /** A PostgreSQL database in a new schema; {@link #dropPostgresSchema} removes it. */
    static Database postgres(String schema) {
        return postgres(schema, 4);
    }

    /** As {@link #postgres(String)}, with a pool of {@code connections}. */
    static Database postgres(String schema, int connections) {
        TestPostgres pg = TestPostgres.named(schema);
        return Database.open(new StoreSettings(pg.url(), PG_USER, "", connections));
    }

    static String randomSchema() {
        return "it_store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    static void dropPostgresSchema(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
