package io.sessionsync.json;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A stream that keeps the bytes read through it, from the last {@link #forgetBefore} on, so that a range
 * a parser reported by byte offset can be copied out after the parser has read past it. What is kept is
 * the range still wanted plus the parser's read-ahead (a few KB), never the whole answer.
 */
final class ReadBytes extends FilterInputStream {
    private byte[] kept = new byte[16 * 1024];
    /** The stream offset of {@code kept[0]}. */
    private long keptFrom;
    private int keptLength;

    ReadBytes(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) keep(new byte[] {(byte) b}, 0, 1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) keep(b, off, n);
        return n;
    }

    /** Skipped bytes are read, so that offsets stay whole. */
    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Bytes before stream offset {@code offset} are no longer wanted. */
    void forgetBefore(long offset) {
        int drop = (int) Math.min(offset - keptFrom, keptLength);
        // Move what is left to the front only once the dropped part is most of the array: cheap on average.
        if (drop <= 0 || drop < kept.length / 2) return;
        System.arraycopy(kept, drop, kept, 0, keptLength - drop);
        keptLength -= drop;
        keptFrom += drop;
    }

    /** The bytes read from stream offset {@code from} up to {@code to}; they must still be kept. */
    byte[] copy(long from, long to) {
        if (from < keptFrom || to > keptFrom + keptLength || from > to) {
            throw new IllegalStateException("bytes " + from + "-" + to + " are not kept (kept: " + keptFrom + "-" + (keptFrom + keptLength) + ")");
        }
        return Arrays.copyOfRange(kept, (int) (from - keptFrom), (int) (to - keptFrom));
    }

    private void keep(byte[] b, int off, int n) {
        if (keptLength + n > kept.length) kept = Arrays.copyOf(kept, Math.max(kept.length * 2, keptLength + n));
        System.arraycopy(b, off, kept, keptLength, n);
        keptLength += n;
    }
}
