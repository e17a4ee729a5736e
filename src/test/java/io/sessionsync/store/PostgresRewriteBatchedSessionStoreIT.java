package io.sessionsync.store;

import io.sessionsync.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;

/**
 * The whole store contract with {@code reWriteBatchedInserts=true} in the PostgreSQL URL: the driver
 * then reports no per-row update counts for batches, and the store must still know each row's outcome.
 */
class PostgresRewriteBatchedSessionStoreIT extends SessionStoreContract {
    private final String schema = TestDatabases.randomSchema();

    @Override
    protected Database openDatabase() {
        TestPostgres pg = TestPostgres.named(schema);
        return Database.open(new StoreSettings(pg.url() + "&reWriteBatchedInserts=true", TestDatabases.PG_USER, "", 4));
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (db != null) db.close();
        TestDatabases.dropPostgresSchema(schema);
    }
}
