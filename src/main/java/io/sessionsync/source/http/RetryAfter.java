package io.sessionsync.source.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Reads an HTTP {@code Retry-After} header: delay-seconds or an HTTP date. Neither Twilio nor Evo
 * Voice documents it for their REST APIs; when one sends it, it is honoured.
 */
public final class RetryAfter {
    private RetryAfter() {}

    /** The wait asked for; null when absent or unreadable (the retry policy then backs off on its own). */
    public static Duration parse(String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(Instant.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }
}
