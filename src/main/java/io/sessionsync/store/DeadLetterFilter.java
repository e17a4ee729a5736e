package io.sessionsync.store;

import java.time.Instant;

/**
 * Which dead letters to list; a null part does not filter. Every value is bound as a parameter.
 *
 * @param errorContains case-insensitive text looked for in the message, error code and error class
 * @param from          last failure at or after this time
 * @param to            last failure before this time
 * @param limit         at most this many, newest failure first; 0 or less means {@link #DEFAULT_LIMIT}
 */
public record DeadLetterFilter(String source, String status, String errorContains, Instant from, Instant to, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;

    public DeadLetterFilter {
        limit = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    }

    public static DeadLetterFilter all() {
        return new DeadLetterFilter(null, null, null, null, null, DEFAULT_LIMIT);
    }
}
