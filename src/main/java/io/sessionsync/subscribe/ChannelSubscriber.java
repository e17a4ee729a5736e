package io.sessionsync.subscribe;

import io.sessionsync.cluster.RunLock;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.run.Trigger;
import io.sessionsync.store.ReplayIdStore;
import io.sessionsync.store.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's subscriber state on this instance: the window of ids its events named, the writing of
 * them (fetch by id, the pipeline as one recorded {@code subscription} run, then the replay id), and
 * whether it is up. Windows are written one at a time, in event order, so the saved replay id only
 * ever moves to an event whose records, and all before it, are in the store.
 */
final class ChannelSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelSubscriber.class);
    static final String SOURCE = "salesforce";
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

    /** Whether this instance runs the channel, another one does, or none can. */
    enum State { STARTING, UP, STANDBY, DOWN }

    final String channel;
    final String routeId;
    private final ChangeWindow window;
    private final long maxWaitNanos;
    private final ChangedRecords fetcher;
    private final SyncService sync;
    private final ReplayIdStore replayIds;
    private final SessionStore sessions;
    private final ReentrantLock writing = new ReentrantLock();
    private final SubscriptionListener listener;

    volatile RunLock.Held lock;
    volatile State state = State.STARTING;
    volatile String downReason = "not started yet";
    private volatile long downSinceNanos = System.nanoTime();
    private volatile long retryAtNanos;
    private int failures; // guarded by writing
    /** Set when the stream started without a replay id (LATEST) or a rejected one: the past comes from a poll. */
    volatile boolean pollPending;
    /**
     * The route started at LATEST. camel-salesforce 4.17 resubscribes after a stream error from the last
     * response's replay id, but after an attempt that failed before any response from the route's initial
     * preset: at LATEST that skips what happened meanwhile. So once a replay id is stored, the route is
     * restarted from it (see Subscriptions#supervise).
     */
    volatile boolean startedAtLatest;

    final AtomicLong eventsReceived = new AtomicLong();
    final AtomicLong idsFetched = new AtomicLong();
    final AtomicLong restarts = new AtomicLong();
    final AtomicLong resyncPolls = new AtomicLong();
    volatile long lastLagMillis = -1;

    ChannelSubscriber(String channel, int maxIds, Duration maxWait, ChangedRecords fetcher, SyncService sync,
                      ReplayIdStore replayIds, SessionStore sessions, SubscriptionListener listener) {
        this.channel = channel;
        this.routeId = "subscribe-salesforce" + channel.replace("/data/", "-").replace('/', '-');
        this.window = new ChangeWindow(maxIds);
        this.maxWaitNanos = maxWait.toNanos();
        this.fetcher = fetcher;
        this.sync = sync;
        this.replayIds = replayIds;
        this.sessions = sessions;
        this.listener = listener;
    }

    /** One event from the stream; writes the window at once when it is full. */
    void receive(ChangeEvent e) {
        eventsReceived.incrementAndGet();
        listener.eventReceived(channel);
        if (!e.isOverflow() && !fetcher.syncs(e.entityName())) {
            LOG.debug("Subscription {}: {} event for {} is not a synced object; only its replay id counts", channel, e.changeType(), e.entityName());
        }
        if (e.isGap() || e.isOverflow()) {
            LOG.warn("Subscription {}: {} event for {} ({} ids): {}", channel, e.changeType(), e.entityName(), e.recordIds().size(),
                    e.isOverflow() ? "too many changes for events, a poll re-reads the window" : "the changed records are fetched by id");
        }
        if (window.add(e)) write();
    }

    /** Writes the window when its oldest event waited long enough. */
    void tick() {
        if (window.due(maxWaitNanos)) write();
        if (pollPending && state == State.UP) poll("the stream started without a stored replay id");
    }

    /** Fetches and writes what the window holds, then saves its replay id; on failure keeps it for a retry. */
    void write() {
        if (System.nanoTime() < retryAtNanos) return;
        writing.lock();
        try {
            ChangeWindow.Batch b = window.drain();
            if (b == null) return;
            try {
                writeBatch(b);
                failures = 0;
                retryAtNanos = 0;
                if (state == State.DOWN && lock != null) up();
            } catch (Exception ex) {
                window.putBack(b);
                failures++;
                long delay = Math.min(MAX_RETRY_DELAY.toNanos(), maxWaitNanos << Math.min(failures, 10));
                retryAtNanos = System.nanoTime() + delay;
                if (failures == 1 || failures % 10 == 0) {
                    LOG.warn("Subscription {}: writing {} ids failed (attempt {}), kept for a retry in {} ms; replay id not advanced: {}",
                            channel, b.idCount(), failures, TimeUnit.NANOSECONDS.toMillis(delay), ex.toString());
                }
                if (failures >= 3) down("writing its changes fails: " + ex.getMessage());
            }
        } finally {
            writing.unlock();
        }
    }

    private void writeBatch(ChangeWindow.Batch b) throws Exception {
        ChangedRecords.Fetched fetched = fetcher.fetch(SOURCE, b.idsByObject());
        idsFetched.addAndGet(b.idCount());
        listener.idsFetched(channel, b.idCount());
        long written = 0;
        if (!fetched.records().isEmpty()) {
            RunSummary run = sync.process(SOURCE, Trigger.SUBSCRIPTION, fetched.records());
            if (!run.succeeded()) throw new IllegalStateException("run " + run.runId() + " " + run.status() + ": " + run.error());
            written = run.counts().written();
        }
        int gone = markGone(b, fetched);
        if (b.pollNeeded()) poll("an overflow event");
        if (b.pollNeeded() && pollPending) throw new IllegalStateException("the resync poll did not run");
        replayIds.save(channel, b.lastReplayId());
        long lag = b.oldestCommit() == null ? -1 : Duration.between(b.oldestCommit(), Instant.now()).toMillis();
        lastLagMillis = lag;
        Instant stored = Instant.now();
        for (Instant commit : b.commits()) listener.stored(channel, Duration.between(commit, stored));
        LOG.info("Subscription {}: {} events, {} ids fetched, {} records read, {} written, {} gone for good; lag {} ms (oldest event's commit to stored)",
                channel, b.events(), b.idCount(), fetched.records().size(), written, gone, lag);
    }

    /** A deleted record queryAll no longer returns (emptied from the recycle bin): its stored session becomes deleted. */
    private int markGone(ChangeWindow.Batch b, ChangedRecords.Fetched fetched) {
        int n = 0;
        for (String id : b.deletedIds()) {
            if (fetched.returnedIds().contains(id)) continue;
            Optional<CanonicalSession> stored = sessions.find(SOURCE, id);
            if (stored.isEmpty() || stored.get().deleted()) continue;
            sessions.upsert(List.of(stored.get().toBuilder().deleted(true).build()));
            n++;
        }
        return n;
    }

    /** A poll from the checkpoint; pollPending stays set until one succeeded. */
    void poll(String why) {
        pollPending = true;
        RunSummary run = sync.run(SOURCE, Trigger.SUBSCRIPTION);
        if (run.succeeded()) {
            pollPending = false;
            resyncPolls.incrementAndGet();
            listener.resyncPolled(channel);
            LOG.info("Subscription {}: resync poll (run {}) after {} done", channel, run.runId(), why);
        } else {
            LOG.info("Subscription {}: resync poll after {} not done ({}: {}); tried again", channel, why, run.status(), run.error());
        }
    }

    /** Forgets the unwritten window (this instance stops): its events come again from the stored replay id. */
    void dropWindow() {
        window.clear();
    }

    /** The channel's route was (re)started on this instance. */
    void subscribed(boolean fromReplayId) {
        listener.subscribed(channel, fromReplayId);
        up();
    }

    void up() {
        state = State.UP;
        downReason = null;
    }

    void standby() {
        state = State.STANDBY;
        downReason = null;
    }

    void down(String reason) {
        if (state != State.DOWN) downSinceNanos = System.nanoTime();
        state = State.DOWN;
        downReason = reason;
    }

    /** How long the channel has been down (zero when it is not). */
    Duration downFor() {
        return state == State.DOWN || state == State.STARTING ? Duration.ofNanos(System.nanoTime() - downSinceNanos) : Duration.ZERO;
    }
}
