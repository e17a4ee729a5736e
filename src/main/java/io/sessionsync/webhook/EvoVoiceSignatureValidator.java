package io.sessionsync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-EvoVoice-Signature: sha256=<hex>} on calls to {@code /webhooks/evovoice}. Evo Voice
 * itself signs nothing, so this is our scheme, configured on the sender (an Evo Voice flow's HTTP
 * request step, or a relay): lowercase hex HMAC-SHA256 of the raw body bytes, keyed by the shared
 * secret's UTF-8 bytes. Compared in constant time. Reasons never contain the secret or the
 * expected signature.
 */
public final class EvoVoiceSignatureValidator {
    public static final String HEADER = "X-EvoVoice-Signature";
    static final String PREFIX = "sha256=";
    /** Shorter secrets are guessable offline from one signed body. */
    public static final int MIN_SECRET_LENGTH = 16;

    private final byte[] secret;

    public EvoVoiceSignatureValidator(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("sessionsync.evovoice.webhook-secret is required to verify Evo Voice webhooks");
        }
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("sessionsync.evovoice.webhook-secret must be at least "
                    + MIN_SECRET_LENGTH + " characters, was " + secret.length());
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The outcome of one check; {@code reason} says why it failed (null when valid). */
    public record Verification(boolean valid, String reason) {
        static final Verification OK = new Verification(true, null);

        static Verification rejected(String reason) {
            return new Verification(false, reason);
        }
    }

    /** Verifies {@code headerValue} (the {@value #HEADER} header, may be null) against the raw body. */
    public Verification verify(byte[] body, String headerValue) {
        if (headerValue == null || headerValue.isBlank()) return Verification.rejected("missing " + HEADER + " header");
        String v = headerValue.trim();
        if (!v.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Verification.rejected(HEADER + " must start with '" + PREFIX + "'");
        }
        String hex = v.substring(PREFIX.length());
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Verification.rejected(HEADER + " must carry 64 hex digits after '" + PREFIX + "'");
        }
        byte[] given = HexFormat.of().parseHex(hex);
        byte[] expected = hmac(secret, body == null ? new byte[0] : body);
        return MessageDigest.isEqual(expected, given) ? Verification.OK
                : Verification.rejected(HEADER + " does not match the body (wrong secret or altered body)");
    }

    /** The header value a sender puts on {@code body}: {@code sha256=} and lowercase hex. */
    public static String sign(byte[] body, String secret) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    private static byte[] hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable in this JVM", e);
        }
    }
}
