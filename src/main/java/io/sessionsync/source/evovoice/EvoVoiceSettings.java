package io.sessionsync.source.evovoice;

import io.sessionsync.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything the Evo Voice source needs. Defaults and value checks are {@link Settings}' declarations
 * ({@code sessionsync.evovoice.*}); this record adds only what no single setting can say (which
 * credentials the auth mode needs, the shape of the base URL and account ids), so a bad value stops
 * start-up with the setting's name and why. {@link #toString()} never shows
 * the password or the token.
 *
 * @param baseUrl         {@code sessionsync.evovoice.base-url}: API root (null: the declared default, production)
 * @param auth            {@code sessionsync.evovoice.auth}: {@code BASIC} or {@code BEARER} (null: the declared default)
 * @param username        {@code sessionsync.evovoice.username}: HTTP Basic user (auth BASIC)
 * @param password        {@code sessionsync.evovoice.password}: HTTP Basic password (auth BASIC)
 * @param bearerToken     {@code sessionsync.evovoice.bearer-token}: token (auth BEARER)
 * @param accountIds      {@code sessionsync.evovoice.account-ids}: accounts to read, sent as {@code AccountIds}
 * @param countPerPage    {@code sessionsync.evovoice.count-per-page}: page size (0: the declared default)
 * @param searchArchive   {@code sessionsync.evovoice.search-archive}: first runs and re-syncs also read archived
 *                        sessions (older than ~15 days) before the live ones; switch on for backfills; default false
 *                        (incremental runs always check the archive for changes)
 * @param initialLookback {@code sessionsync.evovoice.initial-lookback}: how far back the first run reads (null: the declared default)
 * @param maxCallsPerRun  {@code sessionsync.evovoice.max-calls-per-run}: list calls (retries included) an incremental
 *                        run may spend re-reading the trailing changes (0: the declared default)
 */
public record EvoVoiceSettings(String baseUrl, AuthMode auth, String username, String password, String bearerToken,
                               List<String> accountIds, int countPerPage, boolean searchArchive,
                               Duration initialLookback, int maxCallsPerRun) {

    private static final Settings DEFAULTS = Settings.defaults();
    private static final String P = "sessionsync.evovoice.";

    /** How requests authenticate. Evo Voice documents Basic; a bearer token is allowed for proxies/relays. */
    public enum AuthMode { BASIC, BEARER }

    public EvoVoiceSettings {
        baseUrl = checkBaseUrl(baseUrl == null || baseUrl.isBlank() ? DEFAULTS.get(Settings.EVO_BASE_URL) : baseUrl.trim());
        auth = auth == null ? authMode(DEFAULTS) : auth;
        if (auth == AuthMode.BASIC) {
            require(username != null && !username.isBlank(), P + "username is required when " + P + "auth=BASIC");
            require(!username.contains(":"), P + "username must not contain ':' (HTTP Basic cannot carry it)");
            require(password != null && !password.isEmpty(), P + "password is required when " + P + "auth=BASIC");
        } else {
            require(bearerToken != null && !bearerToken.isBlank(), P + "bearer-token is required when " + P + "auth=BEARER");
        }
        require(accountIds != null && !accountIds.isEmpty(),
                P + "account-ids must name at least one Evo Voice account (passed as AccountIds on every list call)");
        for (String id : accountIds) {
            require(id != null && !id.isBlank(), P + "account-ids contains a blank entry");
            require(!id.contains(","), P + "account-ids entry '" + id + "' must not contain ','");
        }
        accountIds = accountIds.stream().map(String::trim).toList();
        countPerPage = countPerPage == 0 ? DEFAULTS.getInt(Settings.EVO_COUNT_PER_PAGE) : countPerPage;
        initialLookback = initialLookback == null ? DEFAULTS.getDuration(Settings.EVO_INITIAL_LOOKBACK) : initialLookback;
        maxCallsPerRun = maxCallsPerRun == 0 ? DEFAULTS.getInt(Settings.EVO_MAX_CALLS_PER_RUN) : maxCallsPerRun;
    }

    /** Reads the declared {@code sessionsync.evovoice.*} settings, each checked against its declaration. */
    public static EvoVoiceSettings from(Settings settings) {
        return new EvoVoiceSettings(settings.get(Settings.EVO_BASE_URL), authMode(settings),
                settings.getOptional(Settings.EVO_USERNAME), settings.getOptional(Settings.EVO_PASSWORD),
                settings.getOptional(Settings.EVO_BEARER_TOKEN), settings.getList(Settings.EVO_ACCOUNT_IDS),
                settings.getInt(Settings.EVO_COUNT_PER_PAGE), settings.getBoolean(Settings.EVO_SEARCH_ARCHIVE),
                settings.getDuration(Settings.EVO_INITIAL_LOOKBACK), settings.getInt(Settings.EVO_MAX_CALLS_PER_RUN));
    }

    // The declaration accepts BASIC or BEARER in any case.
    private static AuthMode authMode(Settings settings) {
        return AuthMode.valueOf(settings.getOptional(Settings.EVO_AUTH).toUpperCase(Locale.ROOT));
    }

    /** Basic auth with the defaults for everything else. */
    public static EvoVoiceSettings basic(String baseUrl, String username, String password, List<String> accountIds) {
        return new EvoVoiceSettings(baseUrl, AuthMode.BASIC, username, password, null, accountIds, 0,
                DEFAULTS.getBoolean(Settings.EVO_SEARCH_ARCHIVE), null, 0);
    }

    public EvoVoiceSettings withCountPerPage(int n) {
        return new EvoVoiceSettings(baseUrl, auth, username, password, bearerToken, accountIds, n, searchArchive, initialLookback, maxCallsPerRun);
    }

    public EvoVoiceSettings withSearchArchive(boolean on) {
        return new EvoVoiceSettings(baseUrl, auth, username, password, bearerToken, accountIds, countPerPage, on, initialLookback, maxCallsPerRun);
    }

    public EvoVoiceSettings withInitialLookback(Duration d) {
        return new EvoVoiceSettings(baseUrl, auth, username, password, bearerToken, accountIds, countPerPage, searchArchive, d, maxCallsPerRun);
    }

    public EvoVoiceSettings withMaxCallsPerRun(int n) {
        return new EvoVoiceSettings(baseUrl, auth, username, password, bearerToken, accountIds, countPerPage, searchArchive, initialLookback, n);
    }

    /** The {@code Authorization} header value; never log it. */
    String authorizationHeader() {
        if (auth == AuthMode.BEARER) return "Bearer " + bearerToken;
        String pair = username + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "EvoVoiceSettings[baseUrl=" + baseUrl + ", auth=" + auth
                + (auth == AuthMode.BASIC ? ", username=" + username + ", password=****" : ", bearerToken=****")
                + ", accountIds=" + accountIds + ", countPerPage=" + countPerPage + ", searchArchive=" + searchArchive
                + ", initialLookback=" + initialLookback + ", maxCallsPerRun=" + maxCallsPerRun + "]";
    }

    private static String checkBaseUrl(String url) {
        try {
            URI uri = new URI(url);
            // Checked first so that no later message echoes a URL with a password in it.
            require(uri.getRawUserInfo() == null, P + "base-url must not carry credentials; use " + P + "username/password");
            String scheme = Objects.requireNonNullElse(uri.getScheme(), "");
            require(scheme.equals("http") || scheme.equals("https"),
                    P + "base-url must start with http:// or https://, was '" + url + "'");
            require(uri.getHost() != null, P + "base-url has no host: '" + url + "'");
            require(uri.getQuery() == null, P + "base-url must not carry a query string");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(P + "base-url is not a valid URL (" + e.getReason() + ")");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
