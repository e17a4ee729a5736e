package io.sessionsync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The inbox key of a webhook event: lowercase hex SHA-256 of the parts that identify the event, so a
 * key is always 64 characters however long the parts are (an unbounded key once broke PostgreSQL's
 * btree index). The inbox makes keys unique per source, so equal parts from two sources never clash.
 * Parts are length-prefixed, so no two different lists of parts hash the same text.
 */
final class InboxKey {
    static final int LENGTH = 64;

    private InboxKey() {}

    static String of(String... parts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable in this JVM", e);
        }
        for (String part : parts) {
            byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
            sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
