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
 * Reads every timestamp shape our sources send, and writes Salesforce's. The shape is told apart by
 * a few character checks, then one precompiled formatter parses it: no regex per value.
 * <ul>
 *   <li>Twilio / ISO: {@code 2026-11-20T10:15:30Z}, {@code 2026-11-20T10:15:30.123+01:00}</li>
 *   <li>Salesforce: {@code 2026-11-20T10:15:30.000+0000} (no colon, which {@link Instant#parse} rejects)</li>
 *   <li>ServiceStack (Evo Voice): {@code 2026-11-20T10:15:30.1234567Z}, no zone means UTC, and the WCF
 *       form {@code /Date(1763633730000)/} or {@code /Date(1763633730000-0000)/}</li>
 *   <li>a bare date {@code 2026-11-20} (midnight UTC)</li>
 * </ul>
 */
final class Instants {
    private static final DateTimeFormatter COLONLESS_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHMM", "Z").toFormatter();
    private static final DateTimeFormatter SALESFORCE_OUT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String WCF_PREFIX = "/Date(";

    private Instants() {}

    /** Parses {@code text}; throws {@link DateTimeParseException} or {@link NumberFormatException}. */
    static Instant parse(String text) {
        int n = text.length();
        if (text.startsWith(WCF_PREFIX)) return parseWcf(text);
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

    /** Salesforce datetime text, always UTC with milliseconds: {@code 2026-11-20T10:15:30.000Z}. */
    static String toSalesforce(Instant instant) {
        return SALESFORCE_OUT.format(instant);
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
