package io.sessionsync.ops;

import io.sessionsync.delivery.DeliverySummary;
import io.sessionsync.delivery.TargetDelivery;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.run.Trigger;
import io.sessionsync.store.DeadLetter;
import io.sessionsync.store.DeadLetterFilter;
import io.sessionsync.store.DeadLetterStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays dead letters: rebuilds each raw record from its letter, pushes them through the pipeline as
 * one recorded {@code replay} run per source (the mapping files loaded now apply), then marks replayed
 * only the letters whose record went through. A record that fails again is re-recorded by the
 * pipeline (its pending letter's attempts go up) and its letter stays pending. A replay run holds the
 * source's run lock like any run, so concurrent replays of one source never overlap.
 *
 * <p>A letter a target refused holds the stored session, not a source record: its replay queues the
 * stored session for that target again and runs a delivery pass, which settles the letter or records
 * the new refusal in it.
 */
final class DeadLetterReplayer {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayer.class);

    /** How long a replay waits for a delivery pass going elsewhere before it reports its letters queued. */
    private static final Duration REDELIVERY_WAIT = Duration.ofSeconds(30);

    private final SyncService sync;
    private final DeadLetterStore deadLetters;
    private final TargetDelivery delivery;

    DeadLetterReplayer(SyncService sync, DeadLetterStore deadLetters, TargetDelivery delivery) {
        this.sync = sync;
        this.deadLetters = deadLetters;
        this.delivery = delivery;
    }

    ReplayReport replay(List<DeadLetter> letters) {
        Map<String, List<DeadLetter>> bySource = new LinkedHashMap<>();
        Map<String, Map<String, List<DeadLetter>>> byTarget = new LinkedHashMap<>();
        for (DeadLetter l : letters) {
            if (delivery.targets().contains(l.stage()) && l.recordId() != null) {
                byTarget.computeIfAbsent(l.stage(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(l.source(), k -> new ArrayList<>()).add(l);
            } else {
                bySource.computeIfAbsent(l.source(), k -> new ArrayList<>()).add(l);
            }
        }
        List<RunSummary> runs = new ArrayList<>();
        List<ReplayOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, List<DeadLetter>> e : bySource.entrySet()) {
            replaySource(e.getKey(), e.getValue(), runs, outcomes);
        }
        for (Map.Entry<String, Map<String, List<DeadLetter>>> e : byTarget.entrySet()) {
            redeliver(e.getKey(), e.getValue(), outcomes);
        }
        return new ReplayReport(runs, outcomes);
    }

    private void redeliver(String target, Map<String, List<DeadLetter>> bySource, List<ReplayOutcome> outcomes) {
        for (Map.Entry<String, List<DeadLetter>> e : bySource.entrySet()) {
            delivery.outbox().requeue(target, e.getKey(), e.getValue().stream().map(DeadLetter::recordId).toList());
        }
        DeliverySummary pass;
        try {
            pass = delivery.drainWaiting(target, REDELIVERY_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pass = DeliverySummary.busy(target);
        }
        for (List<DeadLetter> letters : bySource.values()) {
            for (DeadLetter l : letters) {
                DeadLetter now = deadLetters.find(l.id()).orElse(l);
                if (DeadLetterStore.REPLAYED.equals(now.status())) {
                    outcomes.add(new ReplayOutcome(l.id(), key(l), ReplayOutcome.REPLAYED, null));
                } else {
                    String why = pass.succeeded() && now.attempts() > l.attempts() ? now.message()
                            : "queued for delivery to " + target + "; not delivered yet"
                            + (pass.error() == null ? "" : " (" + pass.error() + ")");
                    outcomes.add(new ReplayOutcome(l.id(), key(l), ReplayOutcome.STILL_FAILING, why));
                }
            }
        }
        LOG.info("Replay of {} dead letters of target {}: {}", bySource.values().stream().mapToInt(List::size).sum(), target, pass);
    }

    private void replaySource(String source, List<DeadLetter> letters, List<RunSummary> runs, List<ReplayOutcome> outcomes) {
        // One raw record per source record: letters of several stages of one record replay it once.
        Map<String, RawRecord> records = new LinkedHashMap<>();
        for (DeadLetter l : letters) {
            String key = l.recordId() == null ? "letter:" + l.id() : l.object() + "/" + l.recordId();
            records.putIfAbsent(key, new RawRecord(l.source(), l.object(), l.recordId(), l.recordVersion(), l.payload()));
        }
        Instant started = Instant.now().minusMillis(1);
        RunSummary run = sync.replay(source, new ArrayList<>(records.values()));
        runs.add(run);
        if (!run.succeeded()) {
            // A transient failure stopped the run: nothing is known to have gone through, all stay pending.
            for (DeadLetter l : letters) outcomes.add(new ReplayOutcome(l.id(), key(l), ReplayOutcome.STILL_FAILING, run.error()));
            return;
        }
        List<DeadLetter> failedNow = deadLetters.list(new DeadLetterFilter(source, DeadLetterStore.PENDING, null,
                started, null, DeadLetterFilter.MAX_LIMIT));
        for (DeadLetter l : letters) {
            Optional<DeadLetter> again = failedNow.stream().filter(n -> sameRecord(l, n)).findFirst();
            if (again.isPresent()) {
                // The record now fails elsewhere (a later stage, or as a new letter when it has no id to be
                // recognised by): that new pending letter holds it, so the old one is settled rather than
                // leaving two pending copies of one record.
                if (again.get().id() != l.id()) deadLetters.markReplayed(l.id());
                outcomes.add(new ReplayOutcome(l.id(), key(l), ReplayOutcome.STILL_FAILING,
                        again.get().message() + (again.get().id() != l.id() ? " (now dead letter " + again.get().id() + ")" : "")));
            } else {
                deadLetters.markReplayed(l.id());  // false when the pipeline already settled it: fine
                outcomes.add(new ReplayOutcome(l.id(), key(l), ReplayOutcome.REPLAYED, null));
            }
        }
        LOG.info("Replay of {} dead letters of {} in run {}: {} went through", letters.size(), source, run.runId(),
                outcomes.subList(outcomes.size() - letters.size(), outcomes.size()).stream()
                        .filter(o -> ReplayOutcome.REPLAYED.equals(o.result())).count());
    }

    private static boolean sameRecord(DeadLetter old, DeadLetter now) {
        if (old.recordId() == null) return now.recordId() == null && old.payload().equals(now.payload());
        return old.object().equals(now.object()) && old.recordId().equals(now.recordId());
    }

    private static String key(DeadLetter l) {
        return l.source() + "/" + l.object() + "/" + (l.recordId() == null ? "?" : l.recordId());
    }
}
