package io.sessionsync.pipeline;

/**
 * A scheduled run failed (it is recorded in {@code sync_run} with its reason): thrown in the schedule's
 * exchange so that Camel's route metrics, health and message history count the failure too.
 */
public final class RunFailedException extends RuntimeException {
    public RunFailedException(String message) {
        super(message, null, false, false);
    }
}
