package io.sessionsync.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's connection pool, its dialect, and a schema migrated to the latest version ({@link #open}),
 * or checked to be at it without migrating ({@link #openWithoutMigrating}, for commands that only read).
 */
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
            ds = pool(s, s.jdbcUrl(), false);
        } catch (RuntimeException e) {
            throw failure("Cannot connect to the store database at " + where, e, s.password());
        }
        try {
            flyway(ds, dialect).migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw failure("Cannot migrate the store database at " + where, e, s.password());
        }
        LOG.info("Store database ready at {} ({})", where, dialect.name());
        return new Database(ds, dialect);
    }

    /**
     * Opens the pool read-only and checks, without migrating, that the schema is at the newest migration
     * this version ships: for commands that only read the store. An embedded H2 file that does not exist
     * is not created.
     *
     * @throws StoreException when the database is unreachable, or has no schema or an older one: the
     *                        message names the (redacted) URL and says that {@code sync} or {@code run}
     *                        migrates it, never the password
     */
    public static Database openWithoutMigrating(StoreSettings s) {
        SqlDialect dialect = SqlDialect.forUrl(s.jdbcUrl());
        String where = Redaction.url(s.jdbcUrl());
        HikariDataSource ds;
        try {
            ds = pool(s, existingOnly(s.jdbcUrl()), true);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1) {
                    throw notMigrated(where, "does not exist yet");
                }
            }
            throw failure("Cannot connect to the store database at " + where, e, s.password());
        }
        try {
            MigrationInfoService info = flyway(ds, dialect).info();
            MigrationInfo current = info.current();
            MigrationInfo[] pending = info.pending();
            if (current == null) throw notMigrated(where, "has no session-sync schema yet");
            if (pending.length > 0) {
                throw notMigrated(where, "has schema version " + current.getVersion() + ", this version of session-sync needs "
                        + pending[pending.length - 1].getVersion());
            }
            if (current.getState() == MigrationState.FUTURE_SUCCESS) {
                // A newer session-sync migrated it: what it added is not known here, and is not shown.
                LOG.warn("The store database at {} has schema version {}, newer than this version of session-sync knows; "
                        + "it is read as this version reads it: use the newer version's CLI to see everything", where, current.getVersion());
            }
        } catch (StoreException e) {
            ds.close();
            throw e;
        } catch (RuntimeException e) {
            ds.close();
            throw failure("Cannot read the schema version of the store database at " + where, e, s.password());
        }
        LOG.debug("Store database at {} ({}) opened without migrating", where, dialect.name());
        return new Database(ds, dialect);
    }

    private static StoreException notMigrated(String where, String what) {
        return new StoreException("The store database at " + where + " " + what + ": run `session-sync sync` (or `run`) once, "
                + "which migrates it; commands that only read the store never migrate it");
    }

    /** An embedded H2 URL that opens an existing database only (H2 would otherwise create an empty file). */
    private static String existingOnly(String url) {
        boolean h2Embedded = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
        return h2Embedded && !url.toUpperCase(Locale.ROOT).contains("IFEXISTS=") ? url + ";IFEXISTS=TRUE" : url;
    }

    private static Flyway flyway(DataSource ds, SqlDialect dialect) {
        return Flyway.configure().dataSource(ds).locations(dialect.migrationLocation()).load();
    }

    private static HikariDataSource pool(StoreSettings s, String url, boolean readOnly) {
        HikariConfig c = poolConfig(s);
        c.setJdbcUrl(url);
        c.setReadOnly(readOnly);
        return new HikariDataSource(c);
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
