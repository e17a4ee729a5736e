package io.sessionsync.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@link Instant#toString()}'s exact text (ISO-8601, UTC, fraction in groups of three digits), appended
 * to a builder without the formatter: the content hash formats every timestamp of every row, and
 * {@code Instant.toString} was a third of the hash's cost; a page's digest formats every record's version.
 * Years outside 0000..9999 take the JDK's way.
 */
public final class IsoInstant {
    private IsoInstant() {}

    /** Appends {@code t.toString()}'s exact text. */
    public static void append(StringBuilder b, Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        if (d.getYear() < 0 || d.getYear() > 9999) {
            b.append(t);
            return;
        }
        digits(b, d.getYear(), 4).append('-');
        digits(b, d.getMonthValue(), 2).append('-');
        digits(b, d.getDayOfMonth(), 2).append('T');
        digits(b, d.getHour(), 2).append(':');
        digits(b, d.getMinute(), 2).append(':');
        digits(b, d.getSecond(), 2);
        int nano = t.getNano();
        if (nano != 0) {
            b.append('.');
            if (nano % 1_000_000 == 0) digits(b, nano / 1_000_000, 3);
            else if (nano % 1000 == 0) digits(b, nano / 1000, 6);
            else digits(b, nano, 9);
        }
        b.append('Z');
    }

    /** The length {@link #append} adds. */
    static int length(Instant t) {
        long year = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC).getYear();
        if (year < 0 || year > 9999) return t.toString().length();
        int nano = t.getNano();
        int fraction = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 4 : nano % 1000 == 0 ? 7 : 10;
        return 20 + fraction;
    }

    private static StringBuilder digits(StringBuilder b, int value, int width) {
        for (int div = pow10(width - 1); div > 0; div /= 10) b.append((char) ('0' + value / div % 10));
        return b;
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) p *= 10;
        return p;
    }
}
