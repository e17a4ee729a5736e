package io.sessionsync.subscribe;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners added to the subscription, as one: the subscribers exist before the metrics are
 * wired, so they report to this, and a listener that throws never stops the stream.
 */
final class SubscriptionListeners implements SubscriptionListener {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionListeners.class);
    private final List<SubscriptionListener> listeners = new CopyOnWriteArrayList<>();

    void add(SubscriptionListener listener) {
        listeners.add(listener);
    }

    @Override public void eventReceived(String channel) { each(l -> l.eventReceived(channel)); }
    @Override public void idsFetched(String channel, int ids) { each(l -> l.idsFetched(channel, ids)); }
    @Override public void stored(String channel, Duration lag) { each(l -> l.stored(channel, lag)); }
    @Override public void subscribed(String channel, boolean fromReplayId) { each(l -> l.subscribed(channel, fromReplayId)); }
    @Override public void resyncPolled(String channel) { each(l -> l.resyncPolled(channel)); }

    private void each(Consumer<SubscriptionListener> call) {
        for (SubscriptionListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("A subscription listener failed: {}", e.toString());
            }
        }
    }
}
