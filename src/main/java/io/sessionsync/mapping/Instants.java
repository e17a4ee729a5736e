package io.sessionsync.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * Reads every timestamp shape our sources send (writing Salesforce's is
 * {@link io.sessionsync.salesforce.SalesforceDateTimes}'s job alone). The shape is told apart by
 * a few character checks, then one precompiled formatter parses it: no regex per value.
 * <ul>
 *   <li>Twilio / ISO: {@code 2026-11-20T10:15:30Z}, {@code 2026-11-20T10:15:30.123+01:00}</li>
 *   <li>Salesforce: {@code 2026-11-20T10:15:30.000+0000} (no colon, which {@link Instant#parse} rejects)</li>
 *   <li>ServiceStack (Evo Voice): {@code 2026-11-20T10:15:30.1234567Z}, no zone means UTC, and the WCF
 *       form {@code /Date(1763633730000)/} or {@code /Date(1763633730000-0000)/}</li>
 *   <li>a bare date {@code 2026-11-20} (midnight UTC)</li>
 * </ul>
 * Public for the sources that read a record's version before it is mapped (Twilio Proxy), so that the
 * version they compare is the one the mapping stores.
 */
public final class Instants {
    private static final DateTimeFormatter COLONLESS_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHMM", "Z").toFormatter();
    private static final String WCF_PREFIX = "/Date(";

    private Instants() {}

    /**
     * Parses {@code text}; throws {@link java.time.DateTimeException} (bad value) or
     * {@link NumberFormatException} (bad /Date(ms)/).
     */
    public static Instant parse(String text) {
        int n = text.length();
        if (text.startsWith(WCF_PREFIX)) return parseWcf(text);
        if (n >= 19 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':') {
            return parseFixedLayout(text, n);
        }
        if (n == 10) return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        char last = text.charAt(n - 1);
        if (last == 'Z' || last == 'z') return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        if (n > 16 && isSign(text.charAt(n - 6)) && text.charAt(n - 3) == ':') {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        }
        if (n > 15 && isSign(text.charAt(n - 5)) && allDigits(text, n - 4, n)) {
            return OffsetDateTime.parse(text, COLONLESS_OFFSET).toInstant();
        }
        return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
    }

    /**
     * The hot path: {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}][Z|+hh:mm|+hhmm|+hh]} read digit by digit, which
     * is several times cheaper than a DateTimeFormatter and covers every source's usual form. No zone
     * means UTC (ServiceStack).
     */
    private static Instant parseFixedLayout(String t, int n) {
        int year = digits(t, 0, 4), month = digits(t, 5, 7), day = digits(t, 8, 10);
        int hour = digits(t, 11, 13), minute = digits(t, 14, 16), second = digits(t, 17, 19);
        if (hour > 23 || minute > 59 || second > 59) throw new DateTimeParseException("time out of range", t, 11);
        int i = 19, nano = 0;
        if (i < n && t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(t.charAt(i))) {
                if (i - start < 9) nano = nano * 10 + (t.charAt(i) - '0');
                i++;
            }
            int count = Math.min(i - start, 9);
            if (count == 0) throw new DateTimeParseException("empty fraction", t, start);
            for (int k = count; k < 9; k++) nano *= 10;
        }
        int offset = 0;
        if (i < n) {
            char c = t.charAt(i);
            int rest = n - i - 1;
            if ((c == 'Z' || c == 'z') && rest == 0) {
                offset = 0;
            } else if (isSign(c) && (rest == 5 && t.charAt(i + 3) == ':' || rest == 4 || rest == 2)) {
                int hh = digits(t, i + 1, i + 3);
                int mm = rest == 2 ? 0 : rest == 5 ? digits(t, i + 4, i + 6) : digits(t, i + 3, i + 5);
                if (hh > 18 || mm > 59) throw new DateTimeParseException("offset out of range", t, i);
                offset = (hh * 3600 + mm * 60) * (c == '-' ? -1 : 1);
            } else {
                throw new DateTimeParseException("unexpected text after the time", t, i);
            }
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();  // validates the date
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second - offset, nano);
    }

    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (!isDigit(c)) throw new DateTimeParseException("expected a digit", t, i);
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // /Date(1763633730000)/ or /Date(1763633730000-0000)/: the millis are UTC; the offset only says
    // which zone the sender displayed, so it does not change the instant.
    private static Instant parseWcf(String text) {
        int start = WCF_PREFIX.length();
        int close = text.indexOf(")/", start);
        if (close < 0 || close + 2 != text.length()) throw new DateTimeParseException("not a /Date(ms)/ value", text, 0);
        int end = start + 1;
        while (end < close && !isSign(text.charAt(end))) end++;
        return Instant.ofEpochMilli(Long.parseLong(text, start, end, 10));
    }

    private static boolean isSign(char c) {
        return c == '+' || c == '-';
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }
}
