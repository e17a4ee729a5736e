package io.sessionsync.reliability;

/** Whether trying again can help. */
public enum FailureKind {
    /** Timeouts, connection loss, rate limits, 5xx, a database that is down: retry with backoff. */
    TRANSIENT,
    /** Bad data, bad mappings, 4xx, rejected fields: retrying cannot help; dead-letter it. */
    PERMANENT
}
