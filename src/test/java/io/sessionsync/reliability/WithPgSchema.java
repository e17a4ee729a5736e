package io.sessionsync.reliability;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A reliability test with a fresh PostgreSQL schema of its own for each test method, dropped afterwards. */
abstract class WithPgSchema {
    PgSchema schema;

    @BeforeEach
    void createSchema() {
        schema = PgSchema.create();
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (schema != null) schema.close();
    }
}
