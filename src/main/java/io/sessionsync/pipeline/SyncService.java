package io.sessionsync.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import io.sessionsync.run.Trigger;
import io.sessionsync.run.RunCounts;
import io.sessionsync.cluster.RunLock;
import io.sessionsync.model.RawRecord;
import io.sessionsync.reliability.FailureReason;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.store.CheckpointStore;
import io.sessionsync.store.RunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.function.LongConsumer;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs syncs: one source at a time per source (a run still going when the next trigger comes is not
 * started twice), each recorded in {@code sync_run} with its trigger and counts.
 */
public final class SyncService {
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);
    /**
     * Recording a run's start and end happens around the run's routes, not in a route step: the one
     * retry policy is called here directly, so a database outage of a few seconds does not lose the record.
     */
    private volatile RetryPolicy recordRetry = RetryPolicy.defaults();

    private final Map<String, SourceAdapter> sources = new TreeMap<>();
    private final RecordPipeline pipeline;
    private final RunStore runs;
    private final CheckpointStore checkpoints;
    private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();
    private final List<Consumer<RunSummary>> runListeners = new CopyOnWriteArrayList<>();
    private final RunLock runLock;
    private final RunProgress progress;

    public SyncService(List<SourceAdapter> adapters, RecordPipeline pipeline, RunStore runs, CheckpointStore checkpoints) {
        this(adapters, pipeline, runs, checkpoints, RunLock.local(), new RunProgress());
    }

    /** With a run lock in the database, so that instances sharing the store do not run one source twice at once. */
    public SyncService(List<SourceAdapter> adapters, RecordPipeline pipeline, RunStore runs, CheckpointStore checkpoints,
                       RunLock runLock) {
        this(adapters, pipeline, runs, checkpoints, runLock, new RunProgress());
    }

    /** @param progress where the runs going report how far they are */
    public SyncService(List<SourceAdapter> adapters, RecordPipeline pipeline, RunStore runs, CheckpointStore checkpoints,
                       RunProgress progress) {
        this(adapters, pipeline, runs, checkpoints, RunLock.local(), progress);
    }

    public SyncService(List<SourceAdapter> adapters, RecordPipeline pipeline, RunStore runs, CheckpointStore checkpoints,
                       RunLock runLock, RunProgress progress) {
        for (SourceAdapter a : adapters) sources.put(a.name(), a);
        this.pipeline = pipeline;
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.runLock = runLock;
        this.progress = progress;
    }

    /** Records runs under {@code retry} (the service's one policy; the shipped defaults until set). */
    public SyncService recordingUnder(RetryPolicy retry) {
        this.recordRetry = retry;
        return this;
    }

    /** Tells {@code listener} about every finished run (metrics); a failing listener never fails the run. */
    public void addRunListener(Consumer<RunSummary> listener) {
        runListeners.add(listener);
    }

    /** The progress of the runs going now. */
    public RunProgress progress() {
        return progress;
    }

    /** The names of the enabled sources, sorted. */
    public List<String> sources() {
        return List.copyOf(sources.keySet());
    }

    public Optional<SourceAdapter> source(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    /** One incremental run of a source. */
    public RunSummary run(String source, Trigger trigger) {
        return run(source, trigger, null);
    }

    /** One run of a source; with {@code since}, re-reads from that time instead of the checkpoint. */
    public RunSummary run(String source, Trigger trigger, Instant since) {
        return run(source, trigger, since, NOT_TOLD);
    }

    /**
     * As {@link #run(String, Trigger, Instant)}, telling {@code started} the run's id as soon as it is
     * recorded (the admin API answers 202 with it while the run goes on in the background).
     */
    public RunSummary run(String source, Trigger trigger, Instant since, LongConsumer started) {
        SourceAdapter adapter = adapter(source);
        return guarded(source, trigger, ctx -> adapter.sync(ctx), since, started);
    }

    private static final LongConsumer NOT_TOLD = id -> { };

    /**
     * A scheduled run for one Quartz fire: the fire's scheduled time is logged, so each fire can be
     * seen to run once across instances (a clustered scheduler hands each fire to one of them).
     */
    public RunSummary runScheduled(String source, Date scheduledFireTime) {
        LOG.info("Scheduled fire {} of {}", scheduledFireTime == null ? "?" : scheduledFireTime.toInstant(), source);
        return runScheduled(source);
    }

    /** A scheduled run (the Quartz routes call this). */
    public RunSummary runScheduled(String source) {
        return run(source, Trigger.SCHEDULE);
    }

    /** A run someone asked for: one source, or {@code all} of them. */
    public List<RunSummary> runManual(String source) {
        return "all".equals(source) ? runAll(Trigger.MANUAL) : List.of(run(source, Trigger.MANUAL));
    }

    /** Runs every enabled source once, in name order. */
    public List<RunSummary> runAll(Trigger trigger) {
        List<RunSummary> out = new ArrayList<>();
        for (String s : sources()) out.add(run(s, trigger));
        return out;
    }

    /** Pushes records a webhook or a replay brought through the pipeline, as one recorded run. */
    public RunSummary process(String source, Trigger trigger, List<RawRecord> records) {
        return recorded(source, trigger, ctx -> ctx.accept(records), null, RunLock.InProcess.HELD, NOT_TOLD);
    }

    /**
     * Replays records (dead letters) as one recorded {@code replay} run under the source's run lock, so
     * that replays of one source, here or on another instance, never overlap each other or a sync run.
     * Skipped (nothing processed) while another run of the source holds the lock.
     */
    public RunSummary replay(String source, List<RawRecord> records) {
        return guarded(source, Trigger.REPLAY, ctx -> ctx.accept(records), null, NOT_TOLD);
    }

    /**
     * Scheduled, manual and replay runs only ever run under the source's run lock, which this instance now
     * holds: any still recorded as running were cut short by a process that died.
     */
    private void closeInterruptedRuns(String source) {
        try {
            int closed = runs.failInterrupted(source, EnumSet.of(Trigger.SCHEDULE, Trigger.MANUAL, Trigger.REPLAY));
            if (closed > 0) LOG.warn("{} earlier {} run(s) were interrupted (their process stopped); recorded as failed", closed, source);
        } catch (RuntimeException e) {
            LOG.warn("Could not close interrupted {} runs: {}", source, e.getMessage());
        }
    }

    private RunSummary guarded(String source, Trigger trigger, RunBody body, Instant since, LongConsumer started) {
        ReentrantLock lock = running.computeIfAbsent(source, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            LOG.info("A {} run is still going; this {} trigger is skipped", source, trigger.dbValue());
            return new RunSummary(0, source, trigger, RunSummary.SKIPPED, RunCounts.ZERO, Duration.ZERO,
                    "a run of " + source + " was still going");
        }
        try {
            Optional<RunLock.Held> held = runLock.tryAcquire(source);
            if (held.isEmpty()) {
                LOG.info("A {} run is going on another instance; this {} trigger is skipped", source, trigger.dbValue());
                return new RunSummary(0, source, trigger, RunSummary.SKIPPED, RunCounts.ZERO, Duration.ZERO,
                        "a run of " + source + " was going on another instance");
            }
            try (RunLock.Held h = held.get()) {
                closeInterruptedRuns(source);
                return recorded(source, trigger, body, since, h, started);
            }
        } finally {
            lock.unlock();
        }
    }

    private RunSummary recorded(String source, Trigger trigger, RunBody body, Instant since, RunLock.Held lock,
                                LongConsumer started) {
        // A webhook run is one record its inbox event waits on: refused or cut, the event would count as
        // failed. It is short, the drain waits for it, and the inbox route stops after the drain.
        boolean stoppable = trigger != Trigger.WEBHOOK;
        if (!enterRun(stoppable)) {
            LOG.info("The service is stopping; this {} {} run is not started", source, trigger.dbValue());
            return new RunSummary(0, source, trigger, RunSummary.SKIPPED, RunCounts.ZERO, Duration.ZERO, "the service is stopping");
        }
        RunSummary summary;
        try {
            summary = recordedRun(source, trigger, body, since, lock, stoppable ? () -> stopping : () -> false, started);
        } finally {
            leaveRun();
        }
        for (Consumer<RunSummary> l : runListeners) {
            try {
                l.accept(summary);
            } catch (RuntimeException e) {
                LOG.warn("A run listener failed: {}", e.getMessage());
            }
        }
        return summary;
    }

    private RunSummary recordedRun(String source, Trigger trigger, RunBody body, Instant since, RunLock.Held lock,
                                   BooleanSupplier stopRequested, LongConsumer onStarted) {
        long runId = startRecord(source, trigger);
        onStarted.accept(runId);
        Instant started = Instant.now();
        RunProgress.Tracker tracker = progress.start(runId, source, trigger);
        RunContext ctx = new RunContext(runId, source, trigger, since, pipeline, checkpoints, tracker, lock, stopRequested);
        MDC.put("runId", Long.toString(runId));
        try {
            body.run(ctx);
            RunCounts counts = ctx.counts();
            runs.finish(runId, counts, RunSummary.SUCCEEDED, null);
            LOG.info("Run {} of {} ({}) succeeded: read {}, written {}, unchanged {}, failed {}, skipped {}",
                    runId, source, trigger.dbValue(), counts.read(), counts.written(), counts.unchanged(), counts.failed(),
                    counts.skipped());
            logLetters(runId, source, ctx);
            return new RunSummary(runId, source, trigger, RunSummary.SUCCEEDED, counts,
                    Duration.between(started, Instant.now()), null);
        } catch (Exception e) {
            // Not e.getMessage(): a failed JDBC batch quotes its statement with the bound (personal) values.
            boolean interrupted = stoppedBy(e);
            String error = interrupted ? RunContext.RunStoppedException.REASON : FailureReason.of(e);
            RunCounts counts = ctx.counts();
            try {
                // The failure may be the database itself: give it a few seconds to come back.
                recordRetry.call("recording run " + runId + " as failed",
                        () -> { runs.finish(runId, counts, RunSummary.FAILED, error); return null; });
            } catch (Exception storeDown) {
                LOG.error("Run {} of {} could not be recorded as failed: {}", runId, source, storeDown.getMessage());
            }
            if (interrupted) {
                LOG.warn("Run {} of {} ({}) {}, after read {}, written {}", runId, source, trigger.dbValue(), error,
                        counts.read(), counts.written());
            } else {
                LOG.error("Run {} of {} ({}) failed: {}", runId, source, trigger.dbValue(), error);
            }
            logLetters(runId, source, ctx);
            return new RunSummary(runId, source, trigger, RunSummary.FAILED, counts,
                    Duration.between(started, Instant.now()), error);
        } finally {
            tracker.finish();
            MDC.remove("runId");
        }
    }

    /** One line per run for its dead letters, by reason: new, changed, again, skipped as discarded. */
    private static void logLetters(long runId, String source, RunContext ctx) {
        if (!ctx.letters().isEmpty()) LOG.info("Run {} of {}: dead letters by reason: {}", runId, source, ctx.letters());
    }

    private long startRecord(String source, Trigger trigger) {
        try {
            return recordRetry.call("recording the start of a " + source + " run", () -> runs.start(source, trigger));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private SourceAdapter adapter(String source) {
        SourceAdapter a = sources.get(source);
        if (a == null) {
            throw new IllegalArgumentException("Unknown or disabled source '" + source + "'; enabled sources: "
                    + (sources.isEmpty() ? "none" : String.join(", ", sources.keySet())));
        }
        return a;
    }

    // --- Graceful stop (docs/operations.md#stopping) -------------------------------------------------
    // On stop, no new run starts and runs going end before their next page, recorded as interrupted,
    // while the store is still open: the app waits for them before Camel closes anything.
    private volatile boolean stopping;
    private int runsGoing; // guarded by this

    /** From now on no run starts, and the runs going stop before their next page (webhook runs excepted: see recorded). */
    public void stopRuns() {
        synchronized (this) {
            stopping = true;
        }
    }

    /** How many runs are going now (in this process). */
    public synchronized int runsGoing() {
        return runsGoing;
    }

    /** Waits until no run is going; false when some still is after {@code timeout}. */
    public synchronized boolean awaitRunsDone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (runsGoing > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private synchronized boolean enterRun(boolean stoppable) {
        if (stopping && stoppable) return false;
        runsGoing++;
        return true;
    }

    private synchronized void leaveRun() {
        runsGoing--;
        notifyAll();
    }

    private static boolean stoppedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RunContext.RunStoppedException) return true;
        }
        return false;
    }

    @FunctionalInterface
    private interface RunBody {
        void run(RunContext ctx) throws Exception;
    }
}
