package io.sessionsync.store;

import org.junit.jupiter.api.AfterEach;

/** SessionStore on the local PostgreSQL, in a fresh random schema per test. */
class PostgresSessionStoreIT extends SessionStoreContract {
    private final String schema = TestDatabases.randomSchema();

    @Override
    protected Database openDatabase() {
        return TestDatabases.postgres(schema);
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (db != null) db.close();
        TestDatabases.dropPostgresSchema(schema);
    }
}
