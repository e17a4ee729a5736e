package io.sessionsync.source.evovoice;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything the Evo Voice source needs, checked once at construction so a bad value stops start-up
 * with the setting's name ({@code sessionsync.evovoice.*}) and why. {@link #toString()} never shows
 * the password or the token.
 *
 * @param baseUrl         {@code sessionsync.evovoice.base-url}: API root, default production {@code https://evovoice.io}
 * @param auth            {@code sessionsync.evovoice.auth}: {@code BASIC} (default) or {@code BEARER}
 * @param username        {@code sessionsync.evovoice.username}: HTTP Basic user (auth BASIC)
 * @param password        {@code sessionsync.evovoice.password}: HTTP Basic password (auth BASIC)
 * @param bearerToken     {@code sessionsync.evovoice.bearer-token}: token (auth BEARER)
 * @param accountIds      {@code sessionsync.evovoice.account-ids}: accounts to read, sent as {@code AccountIds}
 * @param countPerPage    {@code sessionsync.evovoice.count-per-page}: page size, 1..1000, default 100
 * @param searchArchive   {@code sessionsync.evovoice.search-archive}: first runs and re-syncs also read archived
 *                        sessions (older than ~15 days) before the live ones; switch on for backfills; default false
 *                        (incremental runs always check the archive for changes)
 * @param initialLookback {@code sessionsync.evovoice.initial-lookback}: how far back the first run reads, default 30 days
 * @param maxCallsPerRun  {@code sessionsync.evovoice.max-calls-per-run}: list calls (retries included) an incremental
 *                        run may spend re-reading the trailing changes; 1..100000, default 200 (0 means the default)
 */
public record EvoVoiceSettings(String baseUrl, AuthMode auth, String username, String password, String bearerToken,
                               List<String> accountIds, int countPerPage, boolean searchArchive,
                               Duration initialLookback, int maxCallsPerRun) {

    public static final String DEFAULT_BASE_URL = "https://evovoice.io";
    public static final int DEFAULT_COUNT_PER_PAGE = 100;
    public static final Duration DEFAULT_INITIAL_LOOKBACK = Duration.ofDays(30);
    public static final int DEFAULT_MAX_CALLS_PER_RUN = 200;
    private static final String P = "sessionsync.evovoice.";

    /** How requests authenticate. Evo Voice documents Basic; a bearer token is allowed for proxies/relays. */
    public enum AuthMode { BASIC, BEARER }

    public EvoVoiceSettings {
        baseUrl = checkBaseUrl(baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.trim());
        auth = auth == null ? AuthMode.BASIC : auth;
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
        countPerPage = countPerPage == 0 ? DEFAULT_COUNT_PER_PAGE : countPerPage;
        require(countPerPage >= 1 && countPerPage <= 1000, P + "count-per-page must be 1..1000, was " + countPerPage);
        initialLookback = initialLookback == null ? DEFAULT_INITIAL_LOOKBACK : initialLookback;
        require(!initialLookback.isNegative() && !initialLookback.isZero(),
                P + "initial-lookback must be positive, was " + initialLookback);
        maxCallsPerRun = maxCallsPerRun == 0 ? DEFAULT_MAX_CALLS_PER_RUN : maxCallsPerRun;
        require(maxCallsPerRun >= 1 && maxCallsPerRun <= 100_000,
                P + "max-calls-per-run must be 1..100000, was " + maxCallsPerRun);
    }

    /**
     * Reads the {@code sessionsync.evovoice.*} settings through {@code property} (e.g. Camel's
     * properties component or {@code Properties::getProperty}); absent ones take their defaults.
     * Durations are ISO-8601 ({@code P30D}) or a number with d/h/m ({@code 30d}).
     */
    public static EvoVoiceSettings from(Function<String, String> property) {
        String auth = property.apply(P + "auth");
        AuthMode mode;
        try {
            mode = auth == null || auth.isBlank() ? AuthMode.BASIC : AuthMode.valueOf(auth.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(P + "auth must be BASIC or BEARER, was '" + auth + "'");
        }
        String accounts = property.apply(P + "account-ids");
        List<String> ids = accounts == null || accounts.isBlank() ? List.of()
                : Arrays.stream(accounts.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
        String count = property.apply(P + "count-per-page");
        int perPage;
        try {
            perPage = count == null || count.isBlank() ? DEFAULT_COUNT_PER_PAGE : Integer.parseInt(count.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(P + "count-per-page must be a whole number, was '" + count + "'");
        }
        String budget = property.apply(P + "max-calls-per-run");
        int maxCalls;
        try {
            maxCalls = budget == null || budget.isBlank() ? DEFAULT_MAX_CALLS_PER_RUN : Integer.parseInt(budget.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(P + "max-calls-per-run must be a whole number, was '" + budget + "'");
        }
        String archive = property.apply(P + "search-archive");
        if (archive != null && !archive.isBlank() && !archive.trim().matches("(?i)true|false")) {
            throw new IllegalArgumentException(P + "search-archive must be true or false, was '" + archive + "'");
        }
        return new EvoVoiceSettings(property.apply(P + "base-url"), mode, property.apply(P + "username"),
                property.apply(P + "password"), property.apply(P + "bearer-token"), ids, perPage,
                archive != null && Boolean.parseBoolean(archive.trim()),
                duration(P + "initial-lookback", property.apply(P + "initial-lookback")), maxCalls);
    }

    private static Duration duration(String name, String v) {
        if (v == null || v.isBlank()) return null;
        String t = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) return Duration.parse(t.toUpperCase(Locale.ROOT));
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be like 30d, 12h or P30D, was '" + v + "'");
        }
    }

    /** Basic auth with the defaults for everything else. */
    public static EvoVoiceSettings basic(String baseUrl, String username, String password, List<String> accountIds) {
        return new EvoVoiceSettings(baseUrl, AuthMode.BASIC, username, password, null, accountIds,
                DEFAULT_COUNT_PER_PAGE, false, DEFAULT_INITIAL_LOOKBACK, DEFAULT_MAX_CALLS_PER_RUN);
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
