package io.sessionsync.delivery;

import io.sessionsync.store.DeliveryRoutes;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.TreeMap;
import java.util.Set;
import java.util.Collections;
import io.sessionsync.cluster.RunLock;
import io.sessionsync.delivery.SessionTarget.TargetFailure;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.reliability.ErrorClassifier;
import io.sessionsync.reliability.FailureReason;
import io.sessionsync.reliability.RemoteCallException;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.store.DeliveryOutbox;
import io.sessionsync.store.DeliveryOutbox.Pending;
import io.sessionsync.store.DeliveryOutbox.Refusal;
import io.sessionsync.store.DeliveryRoutes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the delivery outbox of each target: takes the due sessions in calls of up to the target's
 * batch size (200 for Salesforce), whatever source page they were stored from, writes them under the
 * retry policy, and records each outcome in the outbox (delivered, or refused with a dead letter).
 *
 * <p>A target that stays unreachable through every retry does not fail anything: the batch is
 * postponed (due again after the policy's backoff) and the pass ends; the next pass resumes by
 * itself. When recording an outcome fails (the store is down), nothing is recorded and the rows stay
 * pending: the next pass sends them again (keyed upserts make a repeat harmless) and records then.
 * One pass per target at a time, across instances too: the pass holds the target's run lock.
 */
public final class TargetDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(TargetDelivery.class);

    private final Map<String, SessionTarget> targets = new LinkedHashMap<>();
    private final DeliveryOutbox outbox;
    private final RetryPolicy retry;
    private final RunLock runLock;
    private final Map<String, ReentrantLock> draining = new ConcurrentHashMap<>();
    private final List<Consumer<DeliverySummary>> listeners = new CopyOnWriteArrayList<>();

    public TargetDelivery(List<SessionTarget> targets, DeliveryOutbox outbox, RetryPolicy retry, RunLock runLock) {
        for (SessionTarget t : targets) this.targets.put(t.name(), t);
        this.outbox = outbox;
        this.retry = retry;
        this.runLock = runLock;
    }

    /** Which targets each source's sessions go to (the store queues a delivery for each). */
    public static DeliveryRoutes routes(List<SessionTarget> targets) {
        return source -> targets.stream().filter(t -> t.accepts(source)).map(SessionTarget::name).toList();
    }

    /**
     * Queues stored sessions that have no delivery row yet for each target that takes their source (a
     * target switched on, a source newly routed, a store older than the outbox).
     */
    public void adoptStored() {
        for (SessionTarget t : targets.values()) {
            int n = outbox.adopt(t.name(), t.sources());
            if (n > 0) LOG.info("{} stored sessions were not yet queued for {}; they are now", n, t.name());
        }
    }

    /** The configured targets. */
    public List<SessionTarget> targetList() {
        return List.copyOf(targets.values());
    }

    /** The configured targets' names. */
    public List<String> targets() {
        return List.copyOf(targets.keySet());
    }

    public DeliveryOutbox outbox() {
        return outbox;
    }

    /** Tells {@code listener} about every pass that did something (metrics, logs). */
    public void addListener(Consumer<DeliverySummary> listener) {
        listeners.add(listener);
    }

    /** One pass over every target. */
    public List<DeliverySummary> drainAll() {
        List<DeliverySummary> out = new ArrayList<>();
        for (String t : targets.keySet()) out.add(drain(t));
        return out;
    }

    /**
     * Delivers what is due for {@code targetName} until nothing is due, the target stays unreachable
     * (the batch is postponed) or the store fails (the rows stay pending).
     */
    public DeliverySummary drain(String targetName) {
        SessionTarget target = targets.get(targetName);
        if (target == null) throw new IllegalArgumentException("Unknown target '" + targetName + "'; targets: " + targets.keySet());
        // Most ticks of the delivery route find nothing due: say so from one pooled query, without taking
        // the run lock (on PostgreSQL a connection of its own) or counting the whole outbox.
        DeliveryOutbox.Queue queue;
        try {
            queue = outbox.queue(targetName);
        } catch (RuntimeException storeDown) {
            return done(new DeliverySummary(targetName, 0, 0, 0, -1, FailureReason.of(storeDown)));
        }
        if (queue.due() == 0) return new DeliverySummary(targetName, 0, 0, 0, queue.pending(), null);
        ReentrantLock lock = draining.computeIfAbsent(targetName, k -> new ReentrantLock());
        if (!lock.tryLock()) return DeliverySummary.busy(targetName);
        try {
            Optional<RunLock.Held> held;
            try {
                held = runLock.tryAcquire("deliver:" + targetName);
            } catch (RuntimeException storeDown) {
                return done(new DeliverySummary(targetName, 0, 0, 0, -1, FailureReason.of(storeDown)));
            }
            if (held.isEmpty()) return DeliverySummary.busy(targetName);
            try (RunLock.Held h = held.get()) {
                return done(pass(target));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link #drain}, waiting up to {@code maxWait} for a pass going elsewhere (the delivery route, another
     * instance) to end first: a replay that queued sessions again wants its own pass to take them.
     */
    public DeliverySummary drainWaiting(String targetName, Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            DeliverySummary summary = drain(targetName);
            if (summary.pending() >= 0 || summary.error() == null || !summary.error().equals(DeliverySummary.busy(targetName).error())
                    || System.nanoTime() > deadline) {
                return summary;
            }
            Thread.sleep(50);
        }
    }

    private DeliverySummary pass(SessionTarget target) {
        long delivered = 0, refused = 0, postponed = 0;
        String error = null;
        while (true) {
            List<Pending> batch;
            try {
                batch = retry.call("reading deliveries due for " + target.name(), () -> outbox.due(target.name(), target.batchSize()));
            } catch (Exception storeDown) {
                error = FailureReason.of(storeDown);
                break;
            }
            if (batch.isEmpty()) break;
            Outcome outcome;
            try {
                outcome = write(target, batch);
            } catch (Exception unreachable) {
                error = FailureReason.of(unreachable);
                postponed += batch.size();
                postpone(target, batch, error, unreachable);
                break;
            }
            try {
                retry.call("recording " + batch.size() + " deliveries to " + target.name(),
                        () -> { outbox.settle(target.name(), outcome.delivered, outcome.refused); return null; });
            } catch (Exception storeDown) {
                // Nothing recorded: the rows stay pending and are sent (and their refusals recorded) again.
                error = FailureReason.of(storeDown);
                LOG.warn("Could not record {} deliveries to {}; they stay pending and go again: {}", batch.size(),
                        target.name(), error);
                break;
            }
            delivered += outcome.delivered.size();
            refused += outcome.refused.size();
            logRefusals(target, outcome.refused);
        }
        long pending = -1;
        try {
            pending = outbox.queue(target.name()).pending();
        } catch (RuntimeException storeDown) {
            if (error == null) error = FailureReason.of(storeDown);
        }
        return new DeliverySummary(target.name(), delivered, refused, postponed, pending, error);
    }

    /** One line per call with refusals, counted by the target's error code; each session at DEBUG. */
    private static void logRefusals(SessionTarget target, List<Refusal> refused) {
        if (refused.isEmpty()) return;
        Map<String, Long> byCode = new TreeMap<>();
        for (Refusal r : refused) {
            byCode.merge(r.errorCode(), 1L, Long::sum);
            LOG.debug("{} refused {}/{} (dead-lettered): {}", target.name(), r.delivery().session().source(),
                    r.delivery().session().sourceId(), r.errorCode());
        }
        LOG.warn("{} refused {} sessions, each now a dead letter (by error code: {})", target.name(), refused.size(), byCode);
    }

    private void postpone(SessionTarget target, List<Pending> batch, String reason, Exception failure) {
        int attempts = batch.stream().mapToInt(Pending::attempts).max().orElse(0) + 1;
        Duration pause = retry.delayFor(attempts, failure);
        LOG.warn("{} stayed unreachable through {} attempts; {} deliveries wait {} ms and go again by themselves: {}",
                target.name(), retry.maxAttempts(), batch.size(), pause.toMillis(), reason);
        try {
            outbox.postpone(target.name(), batch, reason, pause);
        } catch (RuntimeException storeDown) {
            // They stay pending and due: the next pass tries them again.
            LOG.warn("Could not postpone {} deliveries to {}: {}", batch.size(), target.name(), FailureReason.of(storeDown));
        }
    }

    private record Outcome(List<Pending> delivered, List<Refusal> refused) {}

    /**
     * Writes a batch under the retry policy. Records the target refuses with a transient per-record code
     * (Salesforce's UNABLE_TO_LOCK_ROW inside a 200 answer) are written again, only they; the permanent
     * refusals come back. A whole call refused for good refuses each of its sessions.
     */
    private Outcome write(SessionTarget target, List<Pending> batch) throws Exception {
        Map<CanonicalSession, Pending> bySession = new IdentityHashMap<>();
        List<CanonicalSession> sessions = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            bySession.put(p.session(), p);
            sessions.add(p.session());
        }
        List<Refusal> refused = new ArrayList<>();
        List<CanonicalSession> pendingNow = new ArrayList<>(sessions);
        try {
            retry.call(target.name() + " write of " + sessions.size() + " sessions", () -> {
                List<CanonicalSession> again = new ArrayList<>();
                String code = null;
                for (TargetFailure f : target.write(List.copyOf(pendingNow))) {
                    if (ErrorClassifier.isTransientCode(f.errorCode())) {
                        again.add(f.session());
                        code = f.errorCode();
                    } else {
                        refused.add(new Refusal(bySession.get(f.session()), f.errorCode(), f.message()));
                    }
                }
                pendingNow.clear();
                pendingNow.addAll(again);
                if (!again.isEmpty()) {
                    throw new RemoteCallException(target.name(), 503, code, again.size() + " records refused for now", null, null);
                }
                return null;
            });
        } catch (Exception e) {
            if (ErrorClassifier.isTransient(e)) throw e;
            String code = ErrorClassifier.errorCode(e).orElse(e.getClass().getSimpleName());
            String message = FailureReason.of(e);
            for (CanonicalSession s : pendingNow) refused.add(new Refusal(bySession.get(s), code, message));
        }
        Set<Pending> refusedSet = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Refusal r : refused) refusedSet.add(r.delivery());
        List<Pending> delivered = new ArrayList<>(batch.size());
        for (Pending p : batch) if (!refusedSet.contains(p)) delivered.add(p);
        return new Outcome(delivered, refused);
    }

    private DeliverySummary done(DeliverySummary summary) {
        if (summary.delivered() + summary.refused() + summary.postponed() > 0 || !summary.succeeded()) {
            LOG.info("Delivery to {}: {} delivered, {} refused (dead-lettered), {} postponed, {} pending{}", summary.target(),
                    summary.delivered(), summary.refused(), summary.postponed(), summary.pending(),
                    summary.succeeded() ? "" : "; stopped: " + summary.error());
            for (Consumer<DeliverySummary> l : listeners) {
                try {
                    l.accept(summary);
                } catch (RuntimeException e) {
                    LOG.warn("A delivery listener failed: {}", e.getMessage());
                }
            }
        }
        return summary;
    }
}
