package io.sessionsync.store;

import java.time.Instant;

/**
 * A record that failed at a stage after its retries, kept with its raw payload so it can be replayed.
 *
 * @param status {@code pending}, {@code replayed} or {@code discarded}
 */
public record DeadLetter(long id, String source, String object, String recordId, Instant recordVersion,
                         String stage, String errorClass, String errorCode, String message, String payload,
                         int attempts, Instant firstFailedAt, Instant lastFailedAt, String status,
                         String discardReason) {}
