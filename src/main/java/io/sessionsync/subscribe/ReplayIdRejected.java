package io.sessionsync.subscribe;

import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.InvalidReplayIdException;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription consumer's exception handler ({@code exceptionHandler=#...}): camel-salesforce calls
 * it with {@link InvalidReplayIdException} when Salesforce refuses the replay id (older than the
 * retention window, "corrupted replay id"). With {@code fallbackToLatestReplayId=false} camel-salesforce
 * 4.17 tells nobody else, and then resubscribes with the same refused id, forever
 * ({@code PubSubApiClient.FetchResponseObserver.onError -> resubscribeOnError}); with {@code true} it
 * falls back to LATEST silently, and the events in between are lost unseen. So: the channel is told
 * (it restarts at LATEST and polls from the checkpoint), and this handler throws, which ends that
 * gRPC callback before camel-salesforce's resubscribe with the refused id.
 */
final class ReplayIdRejected implements ExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayIdRejected.class);

    /** Thrown to end camel-salesforce's retry with the refused replay id; the channel restarts instead. */
    static final class EndRetry extends RuntimeException {
        EndRetry(String message) {
            super(message, null, false, false);
        }
    }

    private final String channel;
    private final Consumer<String> onRejected;

    ReplayIdRejected(String channel, Consumer<String> onRejected) {
        this.channel = channel;
        this.onRejected = onRejected;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exception instanceof InvalidReplayIdException rejected) {
            onRejected.accept(rejected.getMessage());
            throw new EndRetry("subscription " + channel + " restarts at LATEST: Salesforce refused its replay id");
        }
        LOG.error("Subscription {}: {}", channel, message == null ? String.valueOf(exception) : message + ": " + exception, exception);
    }
}
