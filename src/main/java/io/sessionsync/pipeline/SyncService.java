package io.sessionsync.pipeline;

import io.sessionsync.model.RawRecord;
import io.sessionsync.store.CheckpointStore;
import io.sessionsync.store.RunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs syncs: one source at a time per source (a run still going when the next trigger comes is not
 * started twice), each recorded in {@code sync_run} with its trigger and counts.
 */
public final class SyncService {
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    private final Map<String, SourceAdapter> sources = new TreeMap<>();
    private final RecordPipeline pipeline;
    private final RunStore runs;
    private final CheckpointStore checkpoints;
    private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();
    private final RunProgress progress;

    public SyncService(List<SourceAdapter> adapters, RecordPipeline pipeline, RunStore runs, CheckpointStore checkpoints) {
        this(adapters, pipeline, runs, checkpoints, new RunProgress());
    }

    /** @param progress where the runs going report how far they are */
    public SyncService(List<SourceAdapter> adapters, RecordPipeline pipeline, RunStore runs, CheckpointStore checkpoints,
                       RunProgress progress) {
        for (SourceAdapter a : adapters) sources.put(a.name(), a);
        this.pipeline = pipeline;
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.progress = progress;
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
        SourceAdapter adapter = adapter(source);
        return guarded(source, trigger, ctx -> adapter.sync(ctx), since);
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
        return recorded(source, trigger, ctx -> ctx.accept(records), null);
    }

    private RunSummary guarded(String source, Trigger trigger, RunBody body, Instant since) {
        ReentrantLock lock = running.computeIfAbsent(source, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            LOG.info("A {} run is still going; this {} trigger is skipped", source, trigger.dbValue());
            return new RunSummary(0, source, trigger, RunSummary.SKIPPED, RunCounts.ZERO, Duration.ZERO,
                    "a run of " + source + " was still going");
        }
        try {
            return recorded(source, trigger, body, since);
        } finally {
            lock.unlock();
        }
    }

    private RunSummary recorded(String source, Trigger trigger, RunBody body, Instant since) {
        long runId = runs.start(source, trigger);
        Instant started = Instant.now();
        RunProgress.Tracker tracker = progress.start(runId, source, trigger);
        RunContext ctx = new RunContext(runId, source, trigger, since, pipeline, checkpoints, tracker);
        MDC.put("runId", Long.toString(runId));
        try {
            body.run(ctx);
            RunCounts counts = ctx.counts();
            runs.finish(runId, counts, RunSummary.SUCCEEDED, null);
            LOG.info("Run {} of {} ({}) succeeded: read {}, written {}, unchanged {}, failed {}",
                    runId, source, trigger.dbValue(), counts.read(), counts.written(), counts.unchanged(), counts.failed());
            return new RunSummary(runId, source, trigger, RunSummary.SUCCEEDED, counts,
                    Duration.between(started, Instant.now()), null);
        } catch (Exception e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            RunCounts counts = ctx.counts();
            try {
                runs.finish(runId, counts, RunSummary.FAILED, error);
            } catch (RuntimeException storeDown) {
                LOG.error("Run {} of {} could not be recorded as failed: {}", runId, source, storeDown.getMessage());
            }
            LOG.error("Run {} of {} ({}) failed: {}", runId, source, trigger.dbValue(), error);
            return new RunSummary(runId, source, trigger, RunSummary.FAILED, counts,
                    Duration.between(started, Instant.now()), error);
        } finally {
            tracker.finish();
            MDC.remove("runId");
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

    @FunctionalInterface
    private interface RunBody {
        void run(RunContext ctx) throws Exception;
    }
}
