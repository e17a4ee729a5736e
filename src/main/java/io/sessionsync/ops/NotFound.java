package io.sessionsync.ops;

/** The thing an ops request names does not exist (or is not in a state the request needs): 404. */
public final class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message);
    }
}
