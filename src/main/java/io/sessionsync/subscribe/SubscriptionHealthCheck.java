package io.sessionsync.subscribe;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The subscription's health: DEGRADED (reported as DOWN with the word in the message and the
 * {@code health} detail, as the sources' checks do) with the channel named when a channel this
 * instance should run has had no working subscriber, or has failed to write its changes, for longer
 * than {@code sessionsync.salesforce.subscribe.down-after}. An instance standing by while another holds
 * the channel's lock is UP. A readiness check: polling still reconciles, but changes arrive late.
 */
public final class SubscriptionHealthCheck extends AbstractHealthCheck {
    private final Subscriptions subscriptions;

    public SubscriptionHealthCheck(Subscriptions subscriptions) {
        super("sessionsync", "salesforce-subscribe");
        this.subscriptions = subscriptions;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        for (Subscriptions.ChannelStatus c : subscriptions.status()) {
            builder.detail("channel." + c.channel() + ".state", c.state());
            builder.detail("channel." + c.channel() + ".events.received", c.eventsReceived());
            builder.detail("channel." + c.channel() + ".ids.fetched", c.idsFetched());
            builder.detail("channel." + c.channel() + ".lag.ms", c.lastLagMillis());
        }
        Map<String, String> down = subscriptions.downChannels();
        if (down.isEmpty()) {
            builder.detail("health", "UP");
            builder.message("subscriptions up or standing by").up();
        } else {
            builder.detail("health", "DEGRADED");
            StringBuilder m = new StringBuilder("DEGRADED: ");
            down.forEach((channel, why) -> m.append("subscription ").append(channel).append(" down: ").append(why).append("; "));
            builder.message(m.substring(0, m.length() - 2)).down();
        }
    }
}
