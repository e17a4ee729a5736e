package io.sessionsync.salesforce;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Salesforce's two datetime spellings: the REST API answers {@code 2026-11-20T10:15:30.000+0000}
 * (no colon in the offset, which {@link Instant#parse} rejects), while SOQL takes unquoted literals
 * such as {@code 2026-11-20T10:15:30Z}.
 */
public final class SalesforceDateTimes {
    private static final DateTimeFormatter API = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");
    private static final DateTimeFormatter SOQL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private SalesforceDateTimes() {}

    /** Parses what the REST API sends (also tolerates ISO-8601 with a colon); null stays null. */
    public static Instant parse(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return OffsetDateTime.parse(value, API).toInstant();
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(value).toInstant();
        }
    }

    /** Formats the way the REST API sends datetimes, e.g. {@code 2026-11-20T10:15:30.000+0000}. */
    public static String format(Instant value) {
        return API.format(value.atOffset(ZoneOffset.UTC));
    }

    /**
     * A SOQL datetime literal. SOQL literals have whole seconds, so the instant is truncated down:
     * with {@code >=} that reads a little more, never less.
     */
    public static String soqlLiteral(Instant value) {
        return SOQL.format(value.truncatedTo(ChronoUnit.SECONDS));
    }
}
