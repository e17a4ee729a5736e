package io.sessionsync.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sessionsync.subscribe.SubscriptionListener;
import io.sessionsync.subscribe.Subscriptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Salesforce subscription's meters, per channel (tag {@code channel}): change events received
 * ({@code sessionsync_subscription_events_total}), record ids fetched by id
 * ({@code sessionsync_subscription_ids_fetched_total}), the lag from an event's commit in Salesforce
 * to its records being stored ({@code sessionsync_subscription_lag_seconds}, a timer), stream starts
 * and restarts by where they resumed ({@code sessionsync_subscription_starts_total{from="replay_id"|"latest"}}),
 * resync polls ({@code sessionsync_subscription_resync_polls_total}) and whether this instance is the
 * one subscribing ({@code sessionsync_subscription_active}: 1 here, 0 on the instances standing by).
 * Registered at start for every configured channel, so they read 0 before the first event.
 */
public final class SubscriptionMetrics implements SubscriptionListener {
    private final MeterRegistry registry;
    private final Map<String, Counter> events = new ConcurrentHashMap<>();
    private final Map<String, Counter> ids = new ConcurrentHashMap<>();
    private final Map<String, Timer> lag = new ConcurrentHashMap<>();
    private final Map<String, Counter> polls = new ConcurrentHashMap<>();

    private SubscriptionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the meters of every channel of {@code subs} and listens to it. */
    public static void watch(MeterRegistry registry, Subscriptions subs) {
        SubscriptionMetrics m = new SubscriptionMetrics(registry);
        for (String channel : subs.channels()) {
            m.events.put(channel, Counter.builder("sessionsync.subscription.events")
                    .description("Salesforce change events received on the channel").tag("channel", channel).register(registry));
            m.ids.put(channel, Counter.builder("sessionsync.subscription.ids_fetched")
                    .description("Record ids the channel's events named, fetched by id").tag("channel", channel).register(registry));
            m.lag.put(channel, Timer.builder("sessionsync.subscription.lag")
                    .description("From a change event's commit in Salesforce to its records stored").tag("channel", channel)
                    .register(registry));
            m.polls.put(channel, Counter.builder("sessionsync.subscription.resync_polls")
                    .description("Polls the channel ran to resync (overflow event, start at LATEST, refused replay id)")
                    .tag("channel", channel).register(registry));
            for (boolean fromReplayId : new boolean[] {true, false}) m.starts(channel, fromReplayId);
            Gauge.builder("sessionsync.subscription.active", subs, s -> active(s, channel))
                    .description("1 when this instance runs the channel's subscription, 0 when it stands by or cannot subscribe")
                    .tag("channel", channel).register(registry);
        }
        subs.addListener(m);
    }

    @Override
    public void eventReceived(String channel) {
        events.get(channel).increment();
    }

    @Override
    public void idsFetched(String channel, int n) {
        ids.get(channel).increment(n);
    }

    @Override
    public void stored(String channel, Duration d) {
        lag.get(channel).record(d.isNegative() ? Duration.ZERO : d);
    }

    @Override
    public void subscribed(String channel, boolean fromReplayId) {
        starts(channel, fromReplayId).increment();
    }

    @Override
    public void resyncPolled(String channel) {
        polls.get(channel).increment();
    }

    private Counter starts(String channel, boolean fromReplayId) {
        return Counter.builder("sessionsync.subscription.starts")
                .description("Starts and restarts of the channel's stream on this instance, by where it resumed")
                .tag("channel", channel).tag("from", fromReplayId ? "replay_id" : "latest").register(registry);
    }

    private static double active(Subscriptions subs, String channel) {
        for (Subscriptions.ChannelStatus s : subs.status()) {
            if (s.channel().equals(channel)) return "up".equals(s.state()) ? 1 : 0;
        }
        return 0;
    }
}
