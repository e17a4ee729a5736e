package io.sessionsync.webhook;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.pipeline.SourceAdapter;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.run.Trigger;
import io.sessionsync.reliability.ErrorClassifier;
import io.sessionsync.reliability.FailureReason;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.store.InboxEvent;
import io.sessionsync.store.WebhookInbox;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the durable webhook inbox in batches: a worker claims up to {@code batchSize} events, fetches
 * each record they name once (events naming the same record share one fetch; fetches run in parallel
 * on the fetch pool, as they mostly wait on the network), and sends the records of each source down
 * the pipeline as one recorded webhook run. {@code workers} workers drain at once, and instances share
 * the inbox, since a claim skips rows other claims hold.
 *
 * <p>Nothing accepted is dropped: a transient failure (a store outage, a remote 5xx, a failed run,
 * which the pipeline only lets happen for transient causes, as it dead-letters bad records itself)
 * keeps the events pending, tried again after the retry policy's backoff for their claim count (a
 * Retry-After the source sent honoured), however many claims it takes. Only a
 * permanent failure (a payload we cannot read, a source that is not enabled, a permanent fetch error)
 * marks an event failed, with its reason.
 */
public final class InboxWorker {
    private static final Logger LOG = LoggerFactory.getLogger(InboxWorker.class);

    private final WebhookInbox inbox;
    private final SyncService sync;
    private final RetryPolicy retry;
    private final int batchSize;
    private final int workers;
    private final ExecutorService pool;
    private final ExecutorService fetchPool;
    private final AtomicInteger active = new AtomicInteger();
    private final ObjectMapper json = Json.mapper();

    /**
     * @param pool      runs the workers ({@code workers} threads)
     * @param fetchPool runs the fetches of a batch in parallel
     */
    public InboxWorker(WebhookInbox inbox, SyncService sync, RetryPolicy retry, int batchSize, int workers,
                       ExecutorService pool, ExecutorService fetchPool) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        this.inbox = inbox;
        this.sync = sync;
        this.retry = retry;
        this.batchSize = batchSize;
        this.workers = workers;
        this.pool = pool;
        this.fetchPool = fetchPool;
    }

    /** The inbox payload of an accepted event: which record to fetch. */
    public static String payload(String object, String id) {
        return Json.mapper().createObjectNode().put("object", object).put("id", id).toString();
    }

    /**
     * Tops the running workers up to {@code workers} and returns at once (the drain route calls this on
     * each tick). A worker drains until nothing is claimable, then stops; the next tick starts it again.
     * Not waiting here matters: a worker that found the inbox empty a moment ago would otherwise sit
     * idle until the busiest worker finished, leaving one worker to face a flood.
     *
     * @return how many workers this call started
     */
    public int drain() {
        int started = 0;
        for (int running = active.get(); running < workers; running = active.get()) {
            if (!active.compareAndSet(running, running + 1)) continue;
            try {
                pool.execute(this::runWorker);
                started++;
            } catch (RuntimeException rejected) {
                // The pool is shutting down with the application: nothing more to start.
                active.decrementAndGet();
                break;
            }
        }
        return started;
    }

    /** Workers running now. */
    public int activeWorkers() {
        return active.get();
    }

    private void runWorker() {
        try {
            drainAlone();
        } catch (RuntimeException e) {
            // Claiming failed (the store is down): the events stay in the inbox for the next tick.
            LOG.warn("A webhook inbox worker stopped: {}", FailureReason.of(e));
        } finally {
            active.decrementAndGet();
        }
    }

    /**
     * One worker: claims and handles batches until none is left, or until a whole batch settled nothing
     * (everything in it was deferred: the store or the source is down, so the rest waits for the next
     * drain rather than spinning through retries that would fail too).
     */
    int drainAlone() {
        int settled = 0;
        while (true) {
            List<InboxEvent> batch = inbox.claim(batchSize);
            if (batch.isEmpty()) return settled;
            int now = handle(batch);
            settled += now;
            if (now == 0) return settled;
        }
    }

    /** Handles one claimed batch; returns how many of its events were settled. */
    int handle(List<InboxEvent> batch) {
        Map<String, List<InboxEvent>> bySource = new LinkedHashMap<>();
        for (InboxEvent e : batch) bySource.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e);
        int settled = 0;
        for (Map.Entry<String, List<InboxEvent>> group : bySource.entrySet()) {
            settled += handleSource(group.getKey(), group.getValue());
        }
        return settled;
    }

    private int handleSource(String source, List<InboxEvent> events) {
        Optional<SourceAdapter> adapter = sync.source(source);
        if (adapter.isEmpty()) {
            return failForGood(events, "source " + source + " is not enabled");
        }
        // Events naming the same record share one fetch.
        Map<RecordRef, List<InboxEvent>> byRecord = new LinkedHashMap<>();
        List<InboxEvent> unreadable = new ArrayList<>();
        for (InboxEvent e : events) {
            try {
                byRecord.computeIfAbsent(RecordRef.of(json.readTree(e.payload())), k -> new ArrayList<>()).add(e);
            } catch (IOException | IllegalArgumentException bad) {
                unreadable.add(e);
            }
        }
        int settled = failForGood(unreadable, "the inbox payload does not name a record (object and id)");

        Map<RecordRef, Future<Optional<RawRecord>>> fetches = new LinkedHashMap<>();
        for (RecordRef ref : byRecord.keySet()) {
            fetches.put(ref, fetchPool.submit(() -> retry.call("fetch of " + source + "/" + ref.object() + "/" + ref.id(),
                    () -> adapter.get().fetch(ref.object(), ref.id()))));
        }
        List<RawRecord> records = new ArrayList<>();
        List<InboxEvent> fetched = new ArrayList<>();
        List<InboxEvent> gone = new ArrayList<>();
        for (Map.Entry<RecordRef, List<InboxEvent>> entry : byRecord.entrySet()) {
            RecordRef ref = entry.getKey();
            try {
                Optional<RawRecord> record = result(fetches.get(ref));
                if (record.isPresent()) {
                    records.add(record.get());
                    fetched.addAll(entry.getValue());
                } else {
                    LOG.info("Webhook event(s) name {}/{}/{}, which the source no longer has", source, ref.object(), ref.id());
                    gone.addAll(entry.getValue());
                }
            } catch (Exception e) {
                settled += failed(entry.getValue(), e);
            }
        }
        settled += done(gone);
        if (records.isEmpty()) return settled;

        RunSummary run = sync.process(source, Trigger.WEBHOOK, records);
        if (run.succeeded()) return settled + done(fetched);
        // The pipeline dead-letters what is wrong with a record and fails a run only for a transient
        // cause (the store or a target unreachable): the events wait and are tried again.
        later(fetched, "run " + run.runId() + " failed: " + run.error(), null);
        return settled;
    }

    private static <T> T result(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    private int failed(List<InboxEvent> events, Exception e) {
        String reason = FailureReason.of(e);
        if (ErrorClassifier.isTransient(e)) {
            later(events, reason, e);
            return 0;
        }
        return failForGood(events, reason);
    }

    private void later(List<InboxEvent> events, String reason, Exception failure) {
        int attempts = events.stream().mapToInt(InboxEvent::attempts).max().orElse(1);
        Duration wait = retry.delayFor(attempts, failure);
        LOG.warn("{} webhook event(s) failed for now (claim {}), tried again in {} ms: {}", events.size(), attempts,
                wait.toMillis(), reason);
        try {
            inbox.retryLater(ids(events), reason, wait);
        } catch (RuntimeException storeDown) {
            // The events keep their lease and are claimed again when it ends: still not lost.
            LOG.warn("Could not defer {} webhook event(s); they are claimed again when their lease ends: {}",
                    events.size(), storeDown.getMessage());
        }
    }

    private int done(List<InboxEvent> events) {
        if (events.isEmpty()) return 0;
        try {
            inbox.markDone(ids(events));
            return events.size();
        } catch (RuntimeException storeDown) {
            // Claimed again when the lease ends; processing them again is harmless (unchanged records are skipped).
            LOG.warn("Could not mark {} webhook event(s) done; they are claimed again when their lease ends: {}",
                    events.size(), storeDown.getMessage());
            return 0;
        }
    }

    private int failForGood(List<InboxEvent> events, String reason) {
        int settled = 0;
        for (InboxEvent e : events) {
            LOG.error("Webhook event {} of {} failed for good after {} claim(s): {}", e.id(), e.source(), e.attempts(), reason);
            try {
                inbox.markFailed(e.id(), reason);
                settled++;
            } catch (RuntimeException storeDown) {
                LOG.warn("Could not mark webhook event {} failed; it is claimed again when its lease ends: {}",
                        e.id(), storeDown.getMessage());
            }
        }
        return settled;
    }

    private static List<Long> ids(List<InboxEvent> events) {
        return events.stream().map(InboxEvent::id).toList();
    }

    /** The record an event names. */
    private record RecordRef(String object, String id) {
        static RecordRef of(JsonNode payload) {
            String object = payload.path("object").asText("");
            String id = payload.path("id").asText("");
            if (object.isBlank() || id.isBlank()) throw new IllegalArgumentException("no object or id");
            return new RecordRef(object, id);
        }
    }
}
