package io.sessionsync.store;

import java.time.Instant;

/**
 * {@link Instant#toString()}'s exact text (ISO-8601, UTC, fraction in groups of three digits), appended
 * to a builder without the formatter: the content hash formats every timestamp of every row, and
 * {@code Instant.toString} was a third of the hash's cost; a page's digest formats every record's version.
 * Years outside 0000..9999 take the JDK's way.
 */
public final class IsoInstant {
    private IsoInstant() {}

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years written here, four digits each. */
    private static final long FIRST_SECOND = -62_167_219_200L, END_SECOND = 253_402_300_800L;

    /** Appends {@code t.toString()}'s exact text. */
    public static void append(StringBuilder b, Instant t) {
        long second = t.getEpochSecond();
        if (second < FIRST_SECOND || second >= END_SECOND) {
            b.append(t);
            return;
        }
        // The civil date of the epoch day, by arithmetic (days from civil, inverted; March-based years so
        // that the leap day ends a year): LocalDateTime.ofEpochSecond made three objects per instant, and
        // a backfill formats several instants per row.
        long day = Math.floorDiv(second, 86_400L);
        int secondOfDay = (int) Math.floorMod(second, 86_400L);
        long z = day + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int dayOfEra = (int) (z - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthIndex = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        int month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);
        digits(b, year, 4).append('-');
        digits(b, month, 2).append('-');
        digits(b, dayOfMonth, 2).append('T');
        digits(b, secondOfDay / 3600, 2).append(':');
        digits(b, secondOfDay / 60 % 60, 2).append(':');
        digits(b, secondOfDay % 60, 2);
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
        long second = t.getEpochSecond();
        if (second < FIRST_SECOND || second >= END_SECOND) return t.toString().length();
        int nano = t.getNano();
        int fraction = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 4 : nano % 1000 == 0 ? 7 : 10;
        return 20 + fraction;
    }

    /** {@code value} in {@code width} digits, zero-padded (width 2 and 4, the date's and time's, unrolled). */
    private static StringBuilder digits(StringBuilder b, int value, int width) {
        if (width == 2) return b.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
        if (width == 4) return digits(digits(b, value / 100, 2), value % 100, 2);
        for (int div = pow10(width - 1); div > 0; div /= 10) b.append((char) ('0' + value / div % 10));
        return b;
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) p *= 10;
        return p;
    }
}
