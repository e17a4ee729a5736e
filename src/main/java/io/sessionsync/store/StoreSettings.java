package io.sessionsync.store;

/**
 * How to reach the store's database. Without a URL the embedded H2 file under {@code ./data/} is used.
 *
 * @param jdbcUrl  {@code jdbc:h2:...} or {@code jdbc:postgresql:...}; null or blank means {@link #DEFAULT_URL}
 * @param user     database user (may be null for H2)
 * @param password database password; never logged nor put in an error message
 * @param poolSize maximum pooled connections; 0 or less means {@link #DEFAULT_POOL_SIZE}
 */
public record StoreSettings(String jdbcUrl, String user, String password, int poolSize) {
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/session-sync";
    public static final int DEFAULT_POOL_SIZE = 5;

    public StoreSettings {
        jdbcUrl = jdbcUrl == null || jdbcUrl.isBlank() ? DEFAULT_URL : jdbcUrl.trim();
        poolSize = poolSize <= 0 ? DEFAULT_POOL_SIZE : poolSize;
    }

    /** The embedded default: H2 file under {@code ./data/}. */
    public static StoreSettings embedded() {
        return new StoreSettings(DEFAULT_URL, "sa", "", DEFAULT_POOL_SIZE);
    }

    /** Keeps the password out of logs and stack traces that print the settings. */
    @Override
    public String toString() {
        return "StoreSettings[jdbcUrl=" + Redaction.url(jdbcUrl) + ", user=" + user + ", password=***, poolSize=" + poolSize + "]";
    }
}
