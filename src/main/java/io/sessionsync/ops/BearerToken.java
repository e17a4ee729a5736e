package io.sessionsync.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The admin API's bearer token check. Compared in constant time, so the answer's timing says nothing
 * about how much of a guess was right; an empty configured token refuses everyone. The token is never
 * logged or echoed.
 */
public final class BearerToken {
    private static final String PREFIX = "Bearer ";
    private final byte[] expected;

    public BearerToken(String token) {
        this.expected = token == null ? new byte[0] : token.trim().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether an {@code Authorization} header value carries the configured token. */
    public boolean accepts(String authorization) {
        if (expected.length == 0 || authorization == null) return false;
        if (!authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) return false;
        byte[] given = authorization.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    @Override
    public String toString() {
        return "BearerToken[" + (expected.length == 0 ? "unset" : "****") + "]";
    }
}
