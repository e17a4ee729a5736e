package io.sessionsync.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a text's UTF-8 bytes, in hex: {@code sha256(text.toString().getBytes(UTF_8))} without the String
 * and the byte array. Each thread keeps its text builder, byte buffer, encoder and digest, so hashing a row
 * (the content hash) or a page (its digest) allocates only the answer: building the String and its bytes was
 * 9% of a backfill's allocation and 8% of its samples (JFR). The encoder replaces a lone surrogate with '?'
 * as {@link String#getBytes(java.nio.charset.Charset)} does, so the digests are the ones always taken.
 */
public final class TextDigest {
    private static final ThreadLocal<TextDigest> OF_THREAD = ThreadLocal.withInitial(TextDigest::new);
    /** Buffers a thread keeps between digests at most (chars of text); a longer text gets one-off buffers. */
    private static final int KEPT = 256 * 1024;

    private StringBuilder text = new StringBuilder(1024);
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer bytes = ByteBuffer.allocate(4096);
    private final MessageDigest sha256 = newSha256();

    private TextDigest() {}

    /** This thread's digest, its text emptied: append to {@link #text()}, then take {@link #hex()}. */
    public static TextDigest start() {
        TextDigest d = OF_THREAD.get();
        if (d.text.capacity() > KEPT) d.text = new StringBuilder(1024); // one huge value keeps no huge buffer
        d.text.setLength(0);
        return d;
    }

    /** The text to digest (reused: valid until this thread's next {@link #start()}). */
    public StringBuilder text() {
        return text;
    }

    /** SHA-256 of the text's UTF-8 bytes, lower-case hex. */
    public String hex() {
        int most = (int) Math.ceil(text.length() * (double) utf8.maxBytesPerChar());
        ByteBuffer out = bytes;
        if (most > out.capacity()) {
            out = ByteBuffer.allocate(most);
            if (text.length() <= KEPT) bytes = out; // kept for the next digest, as the text builder is
        }
        out.clear();
        utf8.reset();
        utf8.encode(CharBuffer.wrap(text), out, true);
        utf8.flush(out);
        out.flip();
        sha256.reset();
        sha256.update(out);
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
