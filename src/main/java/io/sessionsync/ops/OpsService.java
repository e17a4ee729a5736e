package io.sessionsync.ops;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import io.sessionsync.delivery.TargetDelivery;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.pipeline.Progress;
import io.sessionsync.store.DeliveryOutbox;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.run.Trigger;
import io.sessionsync.store.CheckpointStore;
import io.sessionsync.store.DeadLetter;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.RunRecord;
import io.sessionsync.store.RunStore;
import io.sessionsync.store.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator can do, shared by the admin API and the CLI: look at dead letters, replay them
 * (dry run or for real), discard them with a reason, re-read a source window, run a source now, and
 * list runs. Callers hand in checked values (see {@link OpsParams}); an unknown id is {@link NotFound}.
 */
public final class OpsService {
    private static final Logger LOG = LoggerFactory.getLogger(OpsService.class);

    private final SyncService sync;
    private final DeadLetterStore deadLetters;
    private final CheckpointStore checkpoints;
    private final MappingRegistry mappings;
    private final ReplayPreviewer previewer;
    private final DeadLetterReplayer replayer;
    private final StoreReads reads;

    private final TargetDelivery delivery;
    private final Executor background;

    public OpsService(SyncService sync, DeadLetterStore deadLetters, RunStore runs, CheckpointStore checkpoints,
                      SessionStore sessions, MappingRegistry mappings, TargetDelivery delivery) {
        this(sync, deadLetters, runs, checkpoints, sessions, mappings, delivery, ForkJoinPool.commonPool());
    }

    /** @param background where runs started by the admin API go on after it answered */
    public OpsService(SyncService sync, DeadLetterStore deadLetters, RunStore runs, CheckpointStore checkpoints,
                      SessionStore sessions, MappingRegistry mappings, TargetDelivery delivery, Executor background) {
        this.background = background;
        this.delivery = delivery;
        this.sync = sync;
        this.deadLetters = deadLetters;
        this.checkpoints = checkpoints;
        this.mappings = mappings;
        this.previewer = new ReplayPreviewer(mappings, sessions, delivery.targetList());
        this.replayer = new DeadLetterReplayer(sync, deadLetters, delivery);
        this.reads = new StoreReads(deadLetters, runs);
    }

    /** What is read from the store alone (dead letters, runs): the same the CLI's read-only commands use. */
    public StoreReads reads() {
        return reads;
    }

    /** The pending letters a selection names; an id that is not a pending letter is an error. */
    public List<DeadLetter> select(ReplaySelection selection) {
        if (selection.id() != null) {
            DeadLetter l = reads.show(selection.id());
            if (!DeadLetterStore.PENDING.equals(l.status())) {
                throw new BadOpsRequest("dead letter " + l.id() + " is " + l.status() + "; only pending letters are replayed");
            }
            return List.of(l);
        }
        return deadLetters.list(selection.filter());
    }

    /** What replaying the selection would write, field by field; writes nothing. */
    public List<ReplayPreview> dryRun(ReplaySelection selection) {
        return select(selection).stream().map(previewer::preview).toList();
    }

    /** Letters a replay without a limit takes at a time: one run per source per batch. */
    static final int REPLAY_BATCH = 500;

    /**
     * Replays the selection through the pipeline with today's mapping files. A filter without a limit
     * (or {@code all}) replays every match, {@link #REPLAY_BATCH} letters at a time, not just a first page.
     */
    public ReplayReport replay(ReplaySelection selection) {
        if (selection.id() != null || selection.limited()) {
            List<DeadLetter> letters = select(selection);
            LOG.info("Replaying {} dead letters", letters.size());
            return replayer.replay(letters);
        }
        List<Long> ids = deadLetters.ids(selection.filter());
        LOG.info("Replaying {} dead letters in batches of {}", ids.size(), REPLAY_BATCH);
        List<RunSummary> runs = new ArrayList<>();
        List<ReplayOutcome> outcomes = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += REPLAY_BATCH) {
            List<DeadLetter> batch = deadLetters.find(ids.subList(from, Math.min(ids.size(), from + REPLAY_BATCH))).stream()
                    .filter(l -> DeadLetterStore.PENDING.equals(l.status())).toList();
            ReplayReport r = replayer.replay(batch);
            runs.addAll(r.runs());
            outcomes.addAll(r.letters());
        }
        return new ReplayReport(runs, outcomes);
    }

    /** Gives a pending letter up, with the reason recorded. */
    public DeadLetter discard(long id, String reason) {
        DeadLetter l = reads.show(id);
        if (!deadLetters.discard(id, reason)) {
            throw new BadOpsRequest("dead letter " + id + " is " + l.status() + "; only pending letters can be discarded");
        }
        LOG.info("Dead letter {} ({}/{}/{}) discarded", id, l.source(), l.object(), l.recordId());
        return reads.show(id);
    }

    /**
     * Re-reads a source from {@code since} as a {@code replay} run. With {@code resetCheckpoint}, the
     * checkpoints of the source's objects (those it has mapping files for) are first set back to
     * {@code since}, so later scheduled runs read on from there too.
     */
    public RunSummary resync(String source, Instant since, boolean resetCheckpoint) {
        prepareResync(source, since, resetCheckpoint);
        return sync.run(source, Trigger.REPLAY, since);
    }

    /** Checks a resync's parameters and, with {@code resetCheckpoint}, sets the checkpoints back; returns the objects reset. */
    private List<String> prepareResync(String source, Instant since, boolean resetCheckpoint) {
        requireSource(source);
        if (since == null) throw new BadOpsRequest("since is required: an ISO-8601 instant such as 2026-11-20T10:15:30Z");
        if (since.isAfter(Instant.now())) throw new BadOpsRequest("since must not be in the future");
        List<String> objects = resetCheckpoint
                ? mappings.sources().stream().filter(m -> m.source().equals(source)).map(m -> m.object()).toList()
                : List.of();
        for (String object : objects) {
            checkpoints.reset(source, object, since);
            LOG.info("Checkpoint of {}/{} reset to {}", source, object, since);
        }
        return objects;
    }

    /**
     * A run started in the background for the admin API: answered at once with its id, never holding an
     * HTTP worker thread for the length of a run. Poll it with {@link #run(long)}.
     */
    public record Started(long runId, String source, String trigger) {
        public String location() {
            return "/ops/runs/" + runId;
        }
    }

    /** How long a background start waits for its run to be recorded (or turned away by the run lock). */
    private static final Duration START_WAIT = Duration.ofSeconds(30);

    /** {@link #runNow} in the background. */
    public Started startRun(String source) {
        requireSource(source);
        return inBackground(source, Trigger.MANUAL, null);
    }

    /** {@link #resync} in the background. */
    public Started startResync(String source, Instant since, boolean resetCheckpoint) {
        List<String> objects = prepareResync(source, since, resetCheckpoint);
        LOG.info("Re-syncing {} from {} in the background{}", source, since, objects.isEmpty() ? "" : " (checkpoints reset)");
        return inBackground(source, Trigger.REPLAY, since);
    }

    private Started inBackground(String source, Trigger trigger, Instant since) {
        CompletableFuture<Long> recorded = new CompletableFuture<>();
        CompletableFuture<RunSummary> done = CompletableFuture.supplyAsync(
                () -> sync.run(source, trigger, since, recorded::complete), background);
        done.whenComplete((summary, failure) -> {
            if (!recorded.isDone()) recorded.complete(summary == null ? -1L : summary.runId());
            if (summary != null && summary.runId() == 0) LOG.info("Background {} run of {} not started: {}", trigger.dbValue(), source, summary.error());
        });
        long runId;
        try {
            runId = recorded.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting a run of " + source, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a run of " + source + " was not recorded within " + START_WAIT.toSeconds() + " s", e);
        }
        if (runId <= 0) {
            RunSummary turnedAway = done.getNow(null);
            throw new Conflict(turnedAway == null || turnedAway.error() == null
                    ? "a run of " + source + " could not start" : turnedAway.error());
        }
        return new Started(runId, source, trigger.dbValue());
    }

    /** One incremental run now, recorded with trigger {@code manual}. */
    public RunSummary runNow(String source) {
        requireSource(source);
        return sync.run(source, Trigger.MANUAL);
    }

    /** The runs going now and how far they are: records done, rate, and (when the total is known) the share and ETA. */
    public List<Map<String, Object>> progress() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Progress p : sync.progress().current()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runId", p.runId());
            m.put("source", p.source());
            m.put("trigger", p.trigger().dbValue());
            m.put("startedAt", p.startedAt());
            m.put("done", p.done());
            m.put("ratePerSecond", Math.round(p.ratePerSecond()));
            m.put("expectedTotal", p.expectedTotal() == Progress.UNKNOWN ? null : p.expectedTotal());
            m.put("fraction", p.fraction().isPresent() ? p.fraction().getAsDouble() : null);
            m.put("etaSeconds", p.eta().map(Duration::toSeconds).orElse(null));
            m.put("summary", p.describe());
            out.add(m);
        }
        return out;
    }

    private void requireSource(String source) {
        if (sync.source(source).isEmpty()) {
            throw new NotFound("unknown or disabled source '" + source + "'; enabled sources: "
                    + (sync.sources().isEmpty() ? "none" : String.join(", ", sync.sources())));
        }
    }
}
