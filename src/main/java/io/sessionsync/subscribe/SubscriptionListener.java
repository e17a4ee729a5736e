package io.sessionsync.subscribe;

import java.time.Duration;

/**
 * What a channel's subscriber reports as it goes, for the metrics (io.sessionsync.ops keeps the
 * meters; this package stays free of them). Called on Camel's threads; implementations must be quick
 * and must not throw.
 */
public interface SubscriptionListener {

    /** One change event arrived on the stream. */
    void eventReceived(String channel);

    /** A window's ids were fetched from Salesforce by id. */
    void idsFetched(String channel, int ids);

    /** One event's records are in the store: from its commit in Salesforce to now. */
    void stored(String channel, Duration lag);

    /**
     * The channel's stream was (re)started on this instance.
     *
     * @param fromReplayId after the stored replay id; false: at LATEST (none stored, or it was refused)
     */
    void subscribed(String channel, boolean fromReplayId);

    /** A resync poll (after an overflow, a start at LATEST or a refused replay id) succeeded. */
    void resyncPolled(String channel);
}
