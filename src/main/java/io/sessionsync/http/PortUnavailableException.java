package io.sessionsync.http;

/** A port the service must listen on cannot be bound: start-up stops (exit code 1), naming port and setting. */
public final class PortUnavailableException extends RuntimeException {
    public PortUnavailableException(String message) {
        super(message);
    }
}
