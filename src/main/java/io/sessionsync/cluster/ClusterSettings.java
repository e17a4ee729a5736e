package io.sessionsync.cluster;

import io.sessionsync.config.Settings;
import io.sessionsync.config.SettingsException;
import io.sessionsync.store.SqlDialect;
import java.util.Properties;

/**
 * How instances share work: the run lock for the store's database, and, with
 * {@code sessionsync.cluster.enabled}, the Quartz properties of a scheduler clustered on the JDBC job
 * store in the same PostgreSQL (tables from migration V2), so each scheduled fire runs on one instance.
 */
public final class ClusterSettings {
    /** Quartz's scheduler name: the same on every instance, which is what makes them one cluster. */
    public static final String SCHEDULER_NAME = "session-sync";
    static final String DATA_SOURCE = "sessionsyncQuartz";

    private ClusterSettings() {}

    /** The run lock fitting the store: PostgreSQL advisory locks, or the in-process lock for H2. */
    public static RunLock runLock(Settings settings) {
        String url = settings.get(Settings.STORE_URL);
        return isPostgres(url)
                ? new PostgresAdvisoryRunLock(url, settings.get(Settings.STORE_USER), settings.get(Settings.STORE_PASSWORD))
                : RunLock.local();
    }

    /**
     * The Quartz properties of the clustered scheduler; null when clustering is off (Quartz keeps its
     * RAM job store).
     *
     * @throws SettingsException when clustering is on but the store is not PostgreSQL
     */
    public static Properties quartzProperties(Settings settings) {
        if (!settings.getBoolean(Settings.CLUSTER_ENABLED)) return null;
        String url = settings.get(Settings.STORE_URL);
        if (!isPostgres(url)) {
            throw new SettingsException(Settings.CLUSTER_ENABLED.key() + " = true needs a PostgreSQL store ("
                    + Settings.STORE_URL.key() + " = jdbc:postgresql://...): every instance must share it");
        }
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "3");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", settings.get(Settings.CLUSTER_CHECKIN_INTERVAL));
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        // Quartz gets a small HikariCP pool of its own on the store's database: its check-ins and
        // trigger locks must not wait behind (or starve) the pages a run is writing.
        String ds = "org.quartz.dataSource." + DATA_SOURCE + ".";
        p.setProperty(ds + "provider", "hikaricp");
        p.setProperty(ds + "driver", "org.postgresql.Driver");
        p.setProperty(ds + "URL", url);
        p.setProperty(ds + "user", settings.get(Settings.STORE_USER));
        p.setProperty(ds + "password", settings.get(Settings.STORE_PASSWORD));
        p.setProperty(ds + "maxConnections", "5");
        return p;
    }

    static boolean isPostgres(String url) {
        return "postgresql".equals(SqlDialect.forUrl(url).name());
    }
}
