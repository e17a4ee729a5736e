package io.sessionsync.source.evovoice;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date strings a ServiceStack API such as Evo Voice sends. Two families occur: ISO-8601
 * with up to 7 fraction digits (.NET ticks), with or without a zone ({@code Z}, {@code +01:00},
 * {@code +0100}); a missing zone means UTC, which is how ServiceStack writes UTC DateTimes. And the
 * WCF form {@code /Date(1763633730000)/} or {@code /Date(1763633730000-0000)/}, whose number is
 * already UTC epoch millis (the offset only says how to display it).
 */
public final class EvoVoiceDates {

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final Pattern WCF = Pattern.compile("\\\\?/Date\\((-?\\d{1,15})(?:[+-]\\d{4})?\\)\\\\?/");

    private EvoVoiceDates() {}

    /** The instant the text names, or empty when it is null, blank or in no form we know. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        String s = text.trim();
        Matcher wcf = WCF.matcher(s);
        if (wcf.matches()) return Optional.of(Instant.ofEpochMilli(Long.parseLong(wcf.group(1))));
        Matcher iso = ISO.matcher(s);
        if (!iso.matches()) return Optional.empty();
        try {
            LocalDateTime local = LocalDateTime.parse(iso.group(1).replace(' ', 'T'));
            return Optional.of(local.toInstant(offset(iso.group(2))));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // e.g. month 13: the shape matched, the values did not
        }
    }

    /** Like {@link #parse} but null when unusable, for places where null means "no version". */
    public static Instant parseOrNull(String text) {
        return parse(text).orElse(null);
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.equalsIgnoreCase("Z")) return ZoneOffset.UTC;
        String digits = zone.replace(":", "");
        int hours = Integer.parseInt(digits.substring(1, 3));
        int minutes = digits.length() > 3 ? Integer.parseInt(digits.substring(3, 5)) : 0;
        int sign = digits.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }
}
