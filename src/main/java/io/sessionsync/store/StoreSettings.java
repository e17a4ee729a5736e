package io.sessionsync.store;

import io.sessionsync.config.Settings;

/**
 * How to reach the store's database. Without a URL the embedded H2 file under {@code ./data/} is used.
 *
 * @param jdbcUrl  {@code jdbc:h2:...} or {@code jdbc:postgresql:...}; null or blank means the declared {@link Settings#STORE_URL} default
 * @param user     database user (may be null for H2)
 * @param password database password; never logged nor put in an error message
 * @param poolSize maximum pooled connections; 0 or less means the declared {@link Settings#STORE_POOL_SIZE} default
 */
public record StoreSettings(String jdbcUrl, String user, String password, int poolSize) {
    private static final Settings DEFAULTS = Settings.defaults();

    public StoreSettings {
        jdbcUrl = jdbcUrl == null || jdbcUrl.isBlank() ? DEFAULTS.get(Settings.STORE_URL) : jdbcUrl.trim();
        poolSize = poolSize <= 0 ? DEFAULTS.getInt(Settings.STORE_POOL_SIZE) : poolSize;
    }

    /** Reads the declared {@code sessionsync.store.*} settings, each checked against its declaration. */
    public static StoreSettings from(Settings settings) {
        return new StoreSettings(settings.get(Settings.STORE_URL), settings.get(Settings.STORE_USER),
                settings.get(Settings.STORE_PASSWORD), settings.getInt(Settings.STORE_POOL_SIZE));
    }

    /** The embedded default: H2 file under {@code ./data/}. */
    public static StoreSettings embedded() {
        return new StoreSettings(null, "sa", "", 0);
    }

    /** Keeps the password out of logs and stack traces that print the settings. */
    @Override
    public String toString() {
        return "StoreSettings[jdbcUrl=" + Redaction.url(jdbcUrl) + ", user=" + user + ", password=***, poolSize=" + poolSize + "]";
    }
}
