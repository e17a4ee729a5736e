package io.sessionsync.reliability;

import io.sessionsync.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A fresh schema in the local PostgreSQL for one reliability test ({@link TestPostgres}), with the
 * application name some tests use to find their own connections.
 */
final class PgSchema implements AutoCloseable {
    static final String URL = TestPostgres.URL;
    static final String USER = TestPostgres.USER;

    final String name;
    private final TestPostgres pg;

    private PgSchema(TestPostgres pg) {
        this.pg = pg;
        this.name = pg.schema();
    }

    static PgSchema create() {
        return new PgSchema(TestPostgres.freshSchema("it_rel"));
    }

    /** The store URL for this schema, with an application name that lets a test find its connections. */
    String url(String applicationName) {
        return pg.url() + "&ApplicationName=" + applicationName;
    }

    String url() {
        return pg.url();
    }

    Connection connect() throws SQLException {
        return pg.connect();
    }

    long count(String sql) throws SQLException {
        return pg.queryLong(sql);
    }

    @Override
    public void close() throws SQLException {
        pg.close();
    }
}
