package io.sessionsync.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.net.WWWFormCodec;

/**
 * Checks {@code X-Twilio-Signature} the way Twilio documents it: HMAC-SHA1, keyed by the account's
 * Auth Token, over the full URL Twilio called followed, for form posts, by every POST parameter's
 * name and value sorted by name (a repeated name contributes each of its values); Base64; compared
 * in constant time. JSON bodies are signed over the URL alone and carry {@code bodySHA256} (hex
 * SHA-256 of the body) in the query. Like Twilio's SDK, the URL is tried as given, with the scheme's
 * default port added when it has none, and without the port when it has the default one.
 *
 * <p>Twilio signs the public URL it called, so behind a load balancer the URL must be rebuilt from the
 * configured public base URL ({@link #publicUrl}), never from the Host header the service sees.
 */
public final class TwilioSignatureValidator {
    public static final String HEADER = "X-Twilio-Signature";
    private static final String HMAC_SHA1 = "HmacSHA1";

    private final SecretKeySpec key;
    private final String publicBaseUrl;

    /**
     * @param authToken     the account's Auth Token (API keys cannot validate webhooks)
     * @param publicBaseUrl scheme://host[:port] Twilio is configured to call, e.g. https://sync.example.com
     */
    public TwilioSignatureValidator(String authToken, String publicBaseUrl) {
        if (authToken == null || authToken.isEmpty()) {
            throw new IllegalArgumentException("sessionsync.twilio.auth-token is required to validate webhooks");
        }
        this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), HMAC_SHA1);
        this.publicBaseUrl = publicBaseUrl == null ? null
                : publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    /** The URL Twilio called: the configured public base + the request's raw path and raw query. */
    public String publicUrl(String rawPath, String rawQuery) {
        if (publicBaseUrl == null) {
            throw new IllegalStateException("sessionsync.webhooks.public-base-url is not set");
        }
        return publicBaseUrl + rawPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    /** A form-encoded webhook: {@code formParams} are the POST body's parameters (not the query's). */
    public boolean isValid(String url, Map<String, List<String>> formParams, String signature) {
        if (url == null || signature == null || signature.isEmpty()) return false;
        String params = canonicalParams(formParams);
        for (String candidate : urlVariants(url)) {
            if (matches(sign(candidate + params), signature)) return true;
        }
        return false;
    }

    /** A JSON-bodied webhook: the URL must carry bodySHA256 equal to the body's SHA-256 (hex). */
    public boolean isValidJson(String url, String body, String signature) {
        if (url == null || body == null) return false;
        String expected = queryParam(url, "bodySHA256");
        if (expected == null) return false;
        boolean bodyMatches = matches(sha256Hex(body), expected.toLowerCase(Locale.ROOT));
        return isValid(url, Map.of(), signature) & bodyMatches;
    }

    /** Sorted names, each followed by its value; repeated names keep all their values, in order. */
    static String canonicalParams(Map<String, List<String>> formParams) {
        if (formParams == null || formParams.isEmpty()) return "";
        StringBuilder out = new StringBuilder();
        // Sorted by UTF-16 code unit, as Java's SDK (Collections.sort on the names) does.
        new TreeMap<>(formParams).forEach((name, values) -> {
            if (values == null || values.isEmpty()) {
                out.append(name);
            } else {
                for (String v : values) out.append(name).append(v == null ? "" : v);
            }
        });
        return out.toString();
    }

    /** The URL as given, plus its default-port twin: Twilio may have signed either. */
    static Set<String> urlVariants(String url) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(url);
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) return variants;
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String defaultPort = "https".equals(scheme) ? "443" : "http".equals(scheme) ? "80" : null;
        if (defaultPort == null) return variants;
        int authorityStart = schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) authorityEnd++;
        // Any user-info stays with the scheme part, so its ':' is not mistaken for a port.
        int at = url.lastIndexOf('@', authorityEnd - 1);
        if (at >= authorityStart) authorityStart = at + 1;
        String authority = url.substring(authorityStart, authorityEnd);
        String rest = url.substring(authorityEnd);
        int colon = authority.lastIndexOf(':');
        boolean hasPort = colon > authority.lastIndexOf(']') && colon >= 0;
        String head = url.substring(0, authorityStart);
        if (!hasPort) {
            variants.add(head + authority + ":" + defaultPort + rest);
        } else if (authority.substring(colon + 1).equals(defaultPort)) {
            variants.add(head + authority.substring(0, colon) + rest);
        }
        return variants;
    }

    private String sign(String data) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }

    static String sha256Hex(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Constant-time: the time taken does not reveal how much of a guess was right. */
    private static boolean matches(String computed, String given) {
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static String queryParam(String url, String name) {
        String raw;
        try {
            raw = URI.create(url).getRawQuery();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw == null) return null;
        for (NameValuePair pair : WWWFormCodec.parse(raw, StandardCharsets.UTF_8)) {
            if (pair.getName().equals(name)) return pair.getValue() == null ? "" : pair.getValue();
        }
        return null;
    }
}
