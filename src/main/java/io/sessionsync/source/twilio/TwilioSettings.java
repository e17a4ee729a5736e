package io.sessionsync.source.twilio;

import io.sessionsync.config.Settings;
import java.net.URI;
import java.util.List;

/**
 * How to reach Twilio Proxy. Defaults and value checks are {@link Settings}' declarations
 * ({@code sessionsync.twilio.*}); this record adds only what no single setting can say (the SID
 * shapes, which credentials go together, a base URL without path), so a bad value stops start-up
 * with the setting's name and why. Authenticates with the Account SID + Auth Token, or (preferred: revocable, no webhook
 * power) an API Key SID + secret. {@link #toString()} never prints a secret.
 *
 * @param baseUrl      scheme://host[:port] of the Proxy API, no path (a sandbox or an egress proxy); null: the declared default
 * @param accountSid   the account, {@code AC...}; required with the auth token, optional with an API key
 * @param authToken    the account's auth token (also the webhook signing key)
 * @param apiKeySid    an API key, {@code SK...}, used instead of the auth token for REST calls
 * @param apiKeySecret that key's secret
 * @param serviceSids  the Proxy services to read, {@code KS...}, at least one
 * @param pageSize     sessions per list page (declared 1..1000, checked when read from {@link Settings})
 */
public record TwilioSettings(String baseUrl, String accountSid, String authToken, String apiKeySid,
                             String apiKeySecret, List<String> serviceSids, int pageSize) {

    public static final String PREFIX = "sessionsync.twilio.";

    public TwilioSettings {
        baseUrl = stripSlash((blankToNull(baseUrl) == null ? Settings.TWILIO_BASE_URL.defaultValue() : baseUrl).trim());
        accountSid = blankToNull(accountSid);
        authToken = blankToNull(authToken);
        apiKeySid = blankToNull(apiKeySid);
        apiKeySecret = blankToNull(apiKeySecret);
        checkBaseUrl(baseUrl);
        if (apiKeySid != null || apiKeySecret != null) {
            if (apiKeySid == null || apiKeySecret == null) {
                throw invalid("api-key-sid", "api-key-sid and api-key-secret must be set together");
            }
            if (!TwilioSids.API_KEY.matcher(apiKeySid).matches()) {
                throw invalid("api-key-sid", "must look like SK followed by 32 hex digits");
            }
        } else if (accountSid == null || authToken == null) {
            throw invalid("account-sid", "set account-sid and auth-token, or api-key-sid and api-key-secret");
        }
        if (accountSid != null && !TwilioSids.ACCOUNT.matcher(accountSid).matches()) {
            throw invalid("account-sid", "must look like AC followed by 32 hex digits");
        }
        if (serviceSids == null || serviceSids.isEmpty()) {
            throw invalid("service-sids", "list at least one Proxy service SID (KS...)");
        }
        for (String sid : serviceSids) {
            if (!TwilioSids.isService(sid)) {
                throw invalid("service-sids", "'" + sid + "' is not a Proxy service SID (KS followed by 32 hex digits)");
            }
        }
        serviceSids = List.copyOf(serviceSids);
    }

    /** Reads the declared {@code sessionsync.twilio.*} settings, each checked against its declaration. */
    public static TwilioSettings from(Settings settings) {
        return new TwilioSettings(settings.get(Settings.TWILIO_BASE_URL), settings.getOptional(Settings.TWILIO_ACCOUNT_SID),
                settings.getOptional(Settings.TWILIO_AUTH_TOKEN), settings.getOptional(Settings.TWILIO_API_KEY_SID),
                settings.getOptional(Settings.TWILIO_API_KEY_SECRET), settings.getList(Settings.TWILIO_SERVICE_SIDS),
                settings.getInt(Settings.TWILIO_PAGE_SIZE));
    }

    /** The Basic-auth user: the API key when one is set, else the account. */
    public String username() { return apiKeySid != null ? apiKeySid : accountSid; }

    /** The Basic-auth password; never log it. */
    public String password() { return apiKeySid != null ? apiKeySecret : authToken; }

    @Override
    public String toString() {
        return "TwilioSettings[baseUrl=" + baseUrl + ", accountSid=" + accountSid
                + ", authToken=" + mask(authToken) + ", apiKeySid=" + apiKeySid
                + ", apiKeySecret=" + mask(apiKeySecret) + ", serviceSids=" + serviceSids
                + ", pageSize=" + pageSize + "]";
    }

    private static String mask(String secret) { return secret == null ? null : "****"; }

    private static void checkBaseUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw invalid("base-url", "is not a URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw invalid("base-url", "must be http(s)://host[:port], was " + url);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                || uri.getRawUserInfo() != null) {
            throw invalid("base-url", "must be http(s)://host[:port] without path, query or credentials, was "
                    + uri.getScheme() + "://" + uri.getHost());
        }
    }

    private static IllegalArgumentException invalid(String key, String why) {
        return new IllegalArgumentException(PREFIX + key + ": " + why);
    }

    private static String stripSlash(String s) { return s.endsWith("/") ? s.substring(0, s.length() - 1) : s; }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }
}
