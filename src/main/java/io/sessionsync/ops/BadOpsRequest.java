package io.sessionsync.ops;

/** An ops request with a missing or invalid value: answered 400 (exit 2 on the CLI), nothing is run. */
public final class BadOpsRequest extends RuntimeException {
    public BadOpsRequest(String message) {
        super(message);
    }
}
