package io.sessionsync.subscribe;

import io.sessionsync.cluster.RunLock;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.salesforce.SalesforceComponentFactory;
import io.sessionsync.salesforce.SalesforceLogin;
import io.sessionsync.store.SessionStore;
import java.util.Set;
import io.sessionsync.salesforce.SalesforceSettings;
import io.sessionsync.store.ReplayIdStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.salesforce.PubSubApiConsumer;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Salesforce subscription: one consumer route per channel (from the {@value #TEMPLATE} template in
 * {@code routes/subscribe-salesforce.yaml}), run only by the instance holding the channel's lock, and
 * the {@code tick} the {@code subscribe-salesforce-tick} route calls: write windows that waited long
 * enough, take a free lock or give up a lost one, restart a channel whose replay id Salesforce refused.
 */
public final class Subscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
    static final String TEMPLATE = "subscribe-salesforce";
    static final String TICK_ROUTE = "subscribe-salesforce-tick";
    private static final String LOCK_PREFIX = "subscribe:";

    private final CamelContext ctx;
    private final SubscribeSettings settings;
    private final SalesforceSettings salesforce;
    private final RunLock runLock;
    private final ReplayIdStore replayIds;
    private final Map<String, ChannelSubscriber> channels = new LinkedHashMap<>();
    private final Map<String, String> restartReasons = new ConcurrentHashMap<>();
    private final SubscriptionListeners listeners;
    private long nextSuperviseNanos;
    private volatile boolean stopped;

    Subscriptions(CamelContext ctx, SubscribeSettings settings, SalesforceSettings salesforce, RunLock runLock,
                  ReplayIdStore replayIds, SubscriptionListeners listeners, List<ChannelSubscriber> subscribers) {
        this.ctx = ctx;
        this.settings = settings;
        this.salesforce = salesforce;
        this.runLock = runLock;
        this.replayIds = replayIds;
        this.listeners = listeners;
        for (ChannelSubscriber s : subscribers) {
            channels.put(s.channel, s);
            ctx.getRegistry().bind(errorHandlerBean(s), new ReplayIdRejected(s.channel, reason -> replayRejected(s.channel, reason)));
        }
    }

    /** Builds the subscribers of every configured channel. */
    public static Subscriptions create(CamelContext ctx, SubscribeSettings settings, SalesforceSettings salesforce, RunLock runLock,
                                       ReplayIdStore replayIds, Fetching fetching, SyncService sync, SessionStore sessions) {
        ChangedRecords fetcher = new ChangedRecords(ctx.createProducerTemplate(), fetching.fieldsByObject(), fetching.loopGuardPrefix(),
                fetching.login(), fetching.retry());
        SubscriptionListeners listeners = new SubscriptionListeners();
        List<ChannelSubscriber> subs = new ArrayList<>();
        for (String channel : settings.channels()) {
            subs.add(new ChannelSubscriber(channel, settings.maxIds(), settings.maxWait(), fetcher, sync, replayIds, sessions, listeners));
        }
        return new Subscriptions(ctx, settings, salesforce, runLock, replayIds, listeners, subs);
    }

    /**
     * How changed records are fetched: per object the fields its mapping reads, the loop guard's
     * ExternalIdentifier prefix, the login, and the retry of transient failures.
     */
    public record Fetching(Map<String, Set<String>> fieldsByObject, String loopGuardPrefix, SalesforceLogin login, RetryPolicy retry) {}

    /** Bound when the subscription is off, so that the (never started) tick route still finds its bean. */
    public static Subscriptions off(CamelContext ctx) {
        return new Subscriptions(ctx, null, null, null, null, new SubscriptionListeners(), List.of());
    }

    /** The configured channels, in order. */
    public List<String> channels() {
        return List.copyOf(channels.keySet());
    }

    /** Adds a listener of every channel's events, fetches, lags, starts and resync polls (the metrics). */
    public void addListener(SubscriptionListener listener) {
        listeners.add(listener);
    }

    /** Whether the tick route should run: some channel is configured. */
    public boolean active() {
        return !channels.isEmpty();
    }

    /** Called by each channel's route with one event. */
    public void receive(String channel, String replayId, Object body) {
        ChannelSubscriber s = channels.get(channel);
        if (s == null) throw new IllegalStateException("no subscriber for channel " + channel);
        if (!(body instanceof GenericRecord event)) {
            throw new IllegalArgumentException("change event " + replayId + " on " + channel + " is not an Avro record: "
                    + (body == null ? "null" : body.getClass().getSimpleName()));
        }
        s.receive(ChangeEvent.from(event, replayId));
    }

    /** Called by the tick route: writes due windows, supervises the locks and routes every lock-check interval. */
    public void tick() {
        if (stopped || channels.isEmpty()) return;
        long now = System.nanoTime();
        boolean supervise = now >= nextSuperviseNanos;
        if (supervise) nextSuperviseNanos = now + settings.lockCheck().toNanos();
        for (ChannelSubscriber s : channels.values()) {
            try {
                String rejected = restartReasons.remove(s.channel);
                if (rejected != null) restartAtLatest(s, rejected);
                if (supervise) supervise(s);
                s.tick();
            } catch (RuntimeException e) {
                LOG.warn("Subscription {}: {}", s.channel, e.toString());
            }
        }
    }

    /** Channels down (no subscriber running here while this instance should run one) for longer than the setting, with why. */
    public Map<String, String> downChannels() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ChannelSubscriber s : channels.values()) {
            if (s.downFor().compareTo(settings.downAfter()) >= 0) out.put(s.channel, String.valueOf(s.downReason));
        }
        return out;
    }

    /** Per channel: state, events received, ids fetched, restarts, resync polls, last lag in ms. */
    public List<ChannelStatus> status() {
        List<ChannelStatus> out = new ArrayList<>();
        for (ChannelSubscriber s : channels.values()) {
            out.add(new ChannelStatus(s.channel, s.state.name().toLowerCase(Locale.ROOT), s.eventsReceived.get(),
                    s.idsFetched.get(), s.restarts.get(), s.resyncPolls.get(), s.lastLagMillis));
        }
        return out;
    }

    public record ChannelStatus(String channel, String state, long eventsReceived, long idsFetched, long restarts,
                                long resyncPolls, long lastLagMillis) {}

    /** Stops the routes and gives up the locks (the service stops). */
    public void stop() {
        stopped = true;
        for (ChannelSubscriber s : channels.values()) {
            stopRoute(s);
            releaseLock(s);
        }
    }

    private void replayRejected(String channel, String reason) {
        LOG.warn("Subscription {}: Salesforce refused the stored replay id ({}): it is past the retention window or unknown;"
                + " restarting at LATEST and polling from the last checkpoint so nothing in between is missed", channel, reason);
        restartReasons.put(channel, reason);
    }

    private void restartAtLatest(ChannelSubscriber s, String reason) {
        stopRoute(s);
        replayIds.clear(s.channel);
        s.restarts.incrementAndGet();
        s.pollPending = true;
        if (s.lock != null) startRoute(s);
    }

    private void supervise(ChannelSubscriber s) {
        if (s.lock != null && !s.lock.isValid()) {
            LOG.warn("Subscription {}: this instance lost its lock; stopping so that one other instance subscribes", s.channel);
            stopRoute(s);
            releaseLock(s);
            s.down("this instance lost the channel's lock");
        }
        if (s.lock == null) {
            Optional<RunLock.Held> held;
            try {
                held = runLock.tryAcquire(LOCK_PREFIX + s.channel);
            } catch (RuntimeException e) {
                s.down("cannot ask the database for the channel's lock: " + e.getMessage());
                return;
            }
            if (held.isEmpty()) {
                if (s.state != ChannelSubscriber.State.STANDBY) LOG.info("Subscription {}: another instance subscribes; standing by", s.channel);
                s.standby();
                return;
            }
            s.lock = held.get();
        }
        if (ctx.getRouteController().getRouteStatus(s.routeId) == null || !ctx.getRouteController().getRouteStatus(s.routeId).isStarted()) {
            startRoute(s);
        } else if (s.startedAtLatest && replayIds.get(s.channel).isPresent()) {
            LOG.info("Subscription {}: restarting from its first stored replay id, so that a reconnect never falls back to LATEST", s.channel);
            stopRoute(s);
            startRoute(s);
        }
    }

    private void startRoute(ChannelSubscriber s) {
        try {
            ensureComponent();
            Optional<String> replay = replayIds.get(s.channel);
            String uri = SubscriptionEndpoint.uri(s.channel, replay, settings.batchSize(), settings.backoffMillis(), errorHandlerBean(s));
            if (ctx.getRoute(s.routeId) != null) {
                ctx.getRouteController().stopRoute(s.routeId);
                if (!ctx.removeRoute(s.routeId)) throw new IllegalStateException("its previous route " + s.routeId + " is still there");
            }
            TemplatedRouteBuilder.builder(ctx, TEMPLATE).routeId(s.routeId)
                    .parameter("channel", s.channel).parameter("endpoint", uri).add();
            Route route = ctx.getRoute(s.routeId);
            if (route == null) throw new IllegalStateException("route " + s.routeId + " was not created from template " + TEMPLATE);
            // camel-salesforce 4.17 has no endpoint option for plain text: the consumer's own setter, before it starts.
            if (settings.plaintext() && route.getConsumer() instanceof PubSubApiConsumer c) c.setUsePlainTextConnection(true);
            ctx.getRouteController().startRoute(s.routeId);
            if (replay.isEmpty()) s.pollPending = true;
            s.startedAtLatest = replay.isEmpty();
            s.subscribed(replay.isPresent());
            LOG.info("Subscription {}: subscribed {} ({}:{})", s.channel,
                    replay.map(r -> "after the stored replay id").orElse("at LATEST (no stored replay id; a poll covers the past)"),
                    settings.host(), settings.port());
        } catch (Exception e) {
            s.down("cannot subscribe: " + e.getMessage());
            LOG.warn("Subscription {}: cannot subscribe, tried again in {}: {}", s.channel, settings.lockCheck(), e.toString());
            stopRoute(s);
            ctx.removeComponent(SubscriptionEndpoint.COMPONENT);
        }
    }

    private void stopRoute(ChannelSubscriber s) {
        try {
            if (ctx.getRoute(s.routeId) != null) {
                ctx.getRouteController().stopRoute(s.routeId);
                ctx.removeRoute(s.routeId);
            }
        } catch (Exception e) {
            LOG.warn("Subscription {}: stopping its route failed: {}", s.channel, e.toString());
        }
        s.dropWindow();
    }

    private void releaseLock(ChannelSubscriber s) {
        RunLock.Held held = s.lock;
        s.lock = null;
        if (held != null) {
            try {
                held.close();
            } catch (RuntimeException e) {
                LOG.debug("Subscription {}: releasing its lock: {}", s.channel, e.toString());
            }
        }
    }

    private void ensureComponent() {
        if (ctx.hasComponent(SubscriptionEndpoint.COMPONENT) != null) return;
        SalesforceComponent c = SalesforceComponentFactory.create(salesforce);
        c.setLazyLogin(false);
        c.setPubSubHost(settings.host());
        c.setPubSubPort(settings.port());
        ctx.addComponent(SubscriptionEndpoint.COMPONENT, c);
    }

    private static String errorHandlerBean(ChannelSubscriber s) {
        return "subscriptionErrors" + s.routeId.substring(TEMPLATE.length());
    }

}
