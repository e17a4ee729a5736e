package io.sessionsync.salesforce;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one place that writes Salesforce datetimes, in its three spellings: the REST API answers (and
 * we send) {@code 2026-11-20T10:15:30.000+0000} (no colon in the offset, which {@link Instant#parse}
 * rejects); SOQL takes unquoted literals such as {@code 2026-11-20T10:15:30Z}; Bulk API 2.0 CSV
 * results spell {@code 2026-11-20T10:15:30.000Z}.
 */
public final class SalesforceDateTimes {
    private static final DateTimeFormatter API = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");
    private static final DateTimeFormatter SOQL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter BULK_CSV = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
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

    /** The spelling of Bulk API 2.0 CSV results, e.g. {@code 2026-11-20T10:15:30.000Z}. */
    public static String bulkCsv(Instant value) {
        return BULK_CSV.format(value);
    }
}
