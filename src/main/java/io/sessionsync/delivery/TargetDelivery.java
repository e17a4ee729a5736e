package io.sessionsync.delivery;

import io.sessionsync.cluster.RunLock;
import io.sessionsync.delivery.SessionTarget.TargetFailure;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.reliability.ErrorClassifier;
import io.sessionsync.reliability.FailureReason;
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
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the delivery route ({@code routes/delivery.yaml}), which drains the outbox of each target:
 * it takes the due sessions in calls of up to the target's batch size (200 for Salesforce), whatever
 * source page they were stored from, sends each call through the target's route under the one retry
 * policy (Camel redelivery; only records refused for now go again), and records each outcome in the
 * outbox (delivered, or refused with a dead letter).
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
    private final Map<String, Semaphore> gates = new ConcurrentHashMap<>();
    private volatile ProducerTemplate producer;
    /** Exchange property: the {@link DeliveryPass} going through the route. */
    public static final String PASS = "deliveryPass";
    private final List<Consumer<DeliverySummary>> listeners = new CopyOnWriteArrayList<>();

    public TargetDelivery(List<SessionTarget> targets, DeliveryOutbox outbox, RetryPolicy retry, RunLock runLock) {
        for (SessionTarget t : targets) this.targets.put(t.name(), t);
        this.outbox = outbox;
        this.retry = retry;
        this.runLock = runLock;
    }

    /**
     * Which targets each source's sessions go to (the store queues a delivery for each). Worked out once
     * per source: the store asks for every session it writes.
     */
    public static DeliveryRoutes routes(List<SessionTarget> targets) {
        Map<String, List<String>> bySource = new ConcurrentHashMap<>();
        return source -> bySource.computeIfAbsent(source,
                s -> targets.stream().filter(t -> t.accepts(s)).map(SessionTarget::name).toList());
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

    /**
     * Passes run through the delivery route ({@code routes/delivery.yaml}, {@code direct:deliver-<target>});
     * {@link #drain} sends to it through {@code producer}.
     */
    public TargetDelivery attach(ProducerTemplate producer) {
        this.producer = producer;
        return this;
    }

    /** The route of one pass over {@code target}. */
    public static String endpoint(String target) {
        return "direct:deliver-" + target;
    }

    /** One pass over every target. */
    public List<DeliverySummary> drainAll() {
        List<DeliverySummary> out = new ArrayList<>();
        for (String t : targets.keySet()) out.add(drain(t));
        return out;
    }

    /**
     * One pass over {@code targetName} through its route: delivers what is due until nothing is due, the
     * target stays unreachable (the batch is postponed) or the store fails (the rows stay pending).
     */
    public DeliverySummary drain(String targetName) {
        if (!targets.containsKey(targetName)) {
            throw new IllegalArgumentException("Unknown target '" + targetName + "'; targets: " + targets.keySet());
        }
        if (producer == null) throw new IllegalStateException("the delivery routes are not attached (TargetDelivery.attach)");
        Exchange done = producer.send(endpoint(targetName), ex -> { });
        DeliverySummary summary = done.getMessage().getBody(DeliverySummary.class);
        if (summary != null) return summary;
        Exception failure = done.getException();
        return new DeliverySummary(targetName, 0, 0, 0, -1, failure == null ? "the delivery pass answered nothing" : FailureReason.of(failure));
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

    // --- The steps of routes/delivery.yaml ---------------------------------------------------------------

    /**
     * Opens a pass: the target's gate here and its run lock across instances, and the first batch due.
     * Most ticks find nothing due: that is answered from one pooled query, without the run lock (on
     * PostgreSQL a connection of its own) or a count of the whole outbox. An idle pass has no batch.
     */
    public DeliveryPass open(String targetName) {
        SessionTarget target = targets.get(targetName);
        if (target == null) throw new IllegalArgumentException("Unknown target '" + targetName + "'; targets: " + targets.keySet());
        DeliveryOutbox.Queue queue;
        try {
            queue = outbox.queue(targetName);
        } catch (RuntimeException storeDown) {
            return DeliveryPass.idle(target, new DeliverySummary(targetName, 0, 0, 0, -1, FailureReason.of(storeDown)));
        }
        if (queue.due() == 0) return DeliveryPass.idle(target, new DeliverySummary(targetName, 0, 0, 0, queue.pending(), null));
        Semaphore gate = gates.computeIfAbsent(targetName, k -> new Semaphore(1));
        if (!gate.tryAcquire()) return DeliveryPass.idle(target, DeliverySummary.busy(targetName));
        Optional<RunLock.Held> held;
        try {
            held = runLock.tryAcquire("deliver:" + targetName);
        } catch (RuntimeException storeDown) {
            gate.release();
            return DeliveryPass.idle(target, new DeliverySummary(targetName, 0, 0, 0, -1, FailureReason.of(storeDown)));
        }
        if (held.isEmpty()) {
            gate.release();
            return DeliveryPass.idle(target, DeliverySummary.busy(targetName));
        }
        DeliveryPass pass = new DeliveryPass(target, gate, held.get());
        claimNext(pass);
        return pass;
    }

    /** The next batch due, into the pass (none when nothing is due or the store failed). */
    private void claimNext(DeliveryPass pass) {
        pass.call = null;
        try {
            pass.batch = retry.call("reading deliveries due for " + pass.target.name(),
                    () -> outbox.due(pass.target.name(), pass.target.batchSize()));
        } catch (Exception storeDown) {
            pass.batch = List.of();
            pass.error = FailureReason.of(storeDown);
        }
    }

    /**
     * The batch as one call of the target (sessions its mapping refuses set aside, never sent): exchange
     * property {@link TargetCall#PROPERTY}; the body is the call's records.
     */
    public List<Object> call(@ExchangeProperty(PASS) DeliveryPass pass, Exchange exchange) {
        List<CanonicalSession> sessions = new ArrayList<>(pass.batch.size());
        for (Pending p : pass.batch) sessions.add(p.session());
        pass.call = pass.target.call(sessions);
        exchange.setProperty(TargetCall.PROPERTY, pass.call);
        return pass.call.records();
    }

    /**
     * Records the batch's outcome in one transaction: delivered, and refused with a dead letter each;
     * then claims the next batch. Nothing recorded when the store fails: the rows stay pending and are
     * sent (and their refusals recorded) again.
     */
    public void settle(@ExchangeProperty(PASS) DeliveryPass pass) {
        if (pass.call == null) return; // the call failed and was taken care of (callFailed)
        Outcome outcome = outcome(pass, pass.call.failures(), List.of());
        if (!record(pass, outcome)) {
            pass.batch = List.of();
            return;
        }
        claimNext(pass);
    }

    /**
     * The call still failed after its retries (the route's {@code doCatch}): the target unreachable through
     * every retry postpones what is not yet settled, with backoff; a call the target refused as a whole
     * refuses each of its sessions (a dead letter each). What the target took or refused for good before
     * is recorded either way. The pass then ends.
     */
    public void callFailed(@ExchangeProperty(PASS) DeliveryPass pass, Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = failure == null ? "the call failed" : FailureReason.of(failure);
        TargetCall call = pass.call;
        if (failure != null && ErrorClassifier.isTransient(failure)) {
            // All of it, or the records still refused for now, waits and goes again by itself.
            List<Pending> waiting = pendingOf(pass, call.sessions());
            if (record(pass, outcome(pass, call.failures(), waiting))) postpone(pass, waiting, reason, failure);
        } else {
            String code = failure == null ? "UNKNOWN" : ErrorClassifier.errorCode(failure).orElse(failure.getClass().getSimpleName());
            List<TargetFailure> all = new ArrayList<>(call.failures());
            for (CanonicalSession s : call.sessions()) all.add(new TargetFailure(s, code, reason));
            record(pass, outcome(pass, all, List.of()));
        }
        if (pass.error == null) pass.error = reason;
        pass.batch = List.of();
        pass.call = null;
    }

    /**
     * A step of the pass itself failed (the route's error handler; not the call, which {@link #callFailed}
     * takes): nothing more is recorded, what was not is still pending; the pass ends and answers its summary.
     */
    public DeliverySummary stopped(@ExchangeProperty(PASS) DeliveryPass pass, Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = failure == null ? "the delivery pass failed" : FailureReason.of(failure);
        if (pass == null) return new DeliverySummary("?", 0, 0, 0, -1, reason);
        if (pass.error == null) pass.error = reason;
        pass.batch = List.of();
        return close(pass);
    }

    /** Ends the pass: the gate and run lock released, the summary logged and told to listeners. */
    public DeliverySummary close(@ExchangeProperty(PASS) DeliveryPass pass) {
        if (pass.idleSummary != null) return pass.idleSummary;
        if (pass.closed) return pass.summary;
        pass.closed = true;
        long pending = -1;
        try {
            pending = outbox.queue(pass.target.name()).pending();
        } catch (RuntimeException storeDown) {
            if (pass.error == null) pass.error = FailureReason.of(storeDown);
        }
        try {
            // Told before the lock goes: whoever takes the next pass sees this one's summary already counted.
            pass.summary = done(new DeliverySummary(pass.target.name(), pass.delivered, pass.refused, pass.postponed, pending, pass.error));
        } finally {
            try {
                pass.held.close();
            } catch (RuntimeException e) {
                LOG.warn("Releasing the delivery lock of {} failed: {}", pass.target.name(), e.getMessage());
            } finally {
                pass.gate.release();
            }
        }
        return pass.summary;
    }

    /** The batch's deliveries by their session (the very object the target's call names). */
    private static Map<CanonicalSession, Pending> bySession(DeliveryPass pass) {
        Map<CanonicalSession, Pending> bySession = new IdentityHashMap<>();
        for (Pending p : pass.batch) bySession.put(p.session(), p);
        return bySession;
    }

    private List<Pending> pendingOf(DeliveryPass pass, List<CanonicalSession> sessions) {
        Map<CanonicalSession, Pending> bySession = bySession(pass);
        List<Pending> out = new ArrayList<>(sessions.size());
        for (CanonicalSession s : sessions) out.add(bySession.get(s));
        return out;
    }

    /** The batch split into delivered, refused (with their failures) and still waiting. */
    private Outcome outcome(DeliveryPass pass, List<TargetFailure> failures, List<Pending> waiting) {
        Map<CanonicalSession, Pending> bySession = bySession(pass);
        List<Refusal> refused = new ArrayList<>(failures.size());
        Set<Pending> notDelivered = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TargetFailure f : failures) {
            Pending p = bySession.get(f.session());
            refused.add(new Refusal(p, f.errorCode(), f.message()));
            notDelivered.add(p);
        }
        notDelivered.addAll(waiting);
        List<Pending> delivered = new ArrayList<>(pass.batch.size());
        for (Pending p : pass.batch) if (!notDelivered.contains(p)) delivered.add(p);
        return new Outcome(delivered, refused);
    }

    /** Records an outcome under the retry policy; false (and the pass's error set) when the store failed. */
    private boolean record(DeliveryPass pass, Outcome outcome) {
        SessionTarget target = pass.target;
        try {
            retry.call("recording " + (outcome.delivered.size() + outcome.refused.size()) + " deliveries to " + target.name(),
                    () -> { outbox.settle(target.name(), outcome.delivered, outcome.refused); return null; });
        } catch (Exception storeDown) {
            pass.error = FailureReason.of(storeDown);
            LOG.warn("Could not record {} deliveries to {}; they stay pending and go again: {}", pass.batch.size(),
                    target.name(), pass.error);
            return false;
        }
        pass.delivered += outcome.delivered.size();
        pass.refused += outcome.refused.size();
        logRefusals(target, outcome.refused);
        return true;
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

    private void postpone(DeliveryPass pass, List<Pending> batch, String reason, Exception failure) {
        SessionTarget target = pass.target;
        int attempts = batch.stream().mapToInt(Pending::attempts).max().orElse(0) + 1;
        Duration pause = retry.delayFor(attempts, failure);
        LOG.warn("{} stayed unreachable through {} attempts; {} deliveries wait {} ms and go again by themselves: {}",
                target.name(), retry.maxAttempts(), batch.size(), pause.toMillis(), reason);
        pass.postponed += batch.size();
        try {
            outbox.postpone(target.name(), batch, reason, pause);
        } catch (RuntimeException storeDown) {
            // They stay pending and due: the next pass tries them again.
            LOG.warn("Could not postpone {} deliveries to {}: {}", batch.size(), target.name(), FailureReason.of(storeDown));
        }
    }

    private record Outcome(List<Pending> delivered, List<Refusal> refused) {}

    /** One pass over one target, as it goes through the delivery route (exchange property {@value #PASS}). */
    public static final class DeliveryPass {
        final SessionTarget target;
        final Semaphore gate;
        final RunLock.Held held;
        final DeliverySummary idleSummary;
        List<Pending> batch = List.of();
        TargetCall call;
        long delivered;
        long refused;
        long postponed;
        String error;
        boolean closed;
        DeliverySummary summary;

        private DeliveryPass(SessionTarget target, Semaphore gate, RunLock.Held held) {
            this(target, gate, held, null);
        }

        private DeliveryPass(SessionTarget target, Semaphore gate, RunLock.Held held, DeliverySummary idleSummary) {
            this.target = target;
            this.gate = gate;
            this.held = held;
            this.idleSummary = idleSummary;
        }

        static DeliveryPass idle(SessionTarget target, DeliverySummary summary) {
            return new DeliveryPass(target, null, null, summary);
        }

        /** Whether a batch is claimed and waits to be sent. */
        public boolean hasBatch() {
            return !batch.isEmpty();
        }

        /** Whether the batch's call has records to send (the target mapping may have refused them all). */
        public boolean hasRecords() {
            return call != null && call.hasRecords();
        }
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
