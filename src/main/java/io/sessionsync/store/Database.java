package io.sessionsync.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store's connection pool, its dialect, and a schema migrated to the latest version. */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final SqlDialect dialect;

    private Database(HikariDataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /**
     * Opens the pool, picks the dialect from the URL and runs the Flyway migrations.
     *
     * @throws StoreException when the database is unreachable or a migration fails; the message names
     *                        the (redacted) URL and the cause, never the password
     */
    public static Database open(StoreSettings s) {
        SqlDialect dialect = SqlDialect.forUrl(s.jdbcUrl());
        String where = Redaction.url(s.jdbcUrl());
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(poolConfig(s));
        } catch (RuntimeException e) {
            throw failure("Cannot connect to the store database at " + where, e, s.password());
        }
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations(dialect.migrationLocation())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw failure("Cannot migrate the store database at " + where, e, s.password());
        }
        LOG.info("Store database ready at {} ({})", where, dialect.name());
        return new Database(ds, dialect);
    }

    private static HikariConfig poolConfig(StoreSettings s) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("session-sync-store");
        c.setJdbcUrl(s.jdbcUrl());
        if (s.user() != null) c.setUsername(s.user());
        if (s.password() != null) c.setPassword(s.password());
        c.setMaximumPoolSize(s.poolSize());
        c.setMinimumIdle(Math.min(1, s.poolSize()));
        c.setConnectionTimeout(10_000);
        c.setAutoCommit(true);
        // PgJDBC appends the server's "Detail:" line to errors, and it quotes row values (a duplicate key,
        // a failed check): personal data in logs and reasons. The SQLState and message are enough.
        if (s.jdbcUrl().startsWith("jdbc:postgresql:")) c.addDataSourceProperty("logServerErrorDetail", "false");
        return c;
    }

    /**
     * A StoreException whose message carries the root cause's message, redacted. The driver's
     * exception is not chained: its text (or a cause's) is outside our control and could echo a secret.
     */
    private static StoreException failure(String what, Throwable e, String password) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof SQLException sql && sql.getSQLState() != null) reason += " (SQLState " + sql.getSQLState() + ")";
        return new StoreException(Redaction.text(what + ": " + reason, password));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
