package io.sessionsync.ops;

/** The request is valid but cannot be done now (a run of that source is going): HTTP 409. */
public final class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
