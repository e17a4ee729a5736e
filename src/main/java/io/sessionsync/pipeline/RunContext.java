package io.sessionsync.pipeline;

import java.util.function.BooleanSupplier;
import io.sessionsync.run.Trigger;
import io.sessionsync.run.RunCounts;
import io.sessionsync.cluster.RunLock;
import io.sessionsync.model.RawRecord;
import io.sessionsync.store.CheckpointStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@link SyncContext} of one run: adds up the pages' counts and keeps the checkpoints. */
final class RunContext implements SyncContext {
    private final long runId;
    private final String source;
    private final Trigger trigger;
    private final Instant since;
    private final RecordPipeline pipeline;
    private final CheckpointStore checkpoints;
    private final RunProgress.Tracker progress;
    private final RunLock.Held lock;
    private final BooleanSupplier stopRequested;
    private RunCounts counts = RunCounts.ZERO;
    private final String threadName = Thread.currentThread().getName();
    private final LetterTally letters = new LetterTally();
    private final VersionLookups versionLookups = new VersionLookups();

    /**
     * @param lock          the run lock the run holds; asked before each page
     * @param stopRequested whether the service is stopping; asked before each page
     */
    RunContext(long runId, String source, Trigger trigger, Instant since, RecordPipeline pipeline,
               CheckpointStore checkpoints, RunProgress.Tracker progress, RunLock.Held lock,
               BooleanSupplier stopRequested) {
        this.stopRequested = stopRequested;
        this.progress = progress;
        this.lock = lock;
        this.runId = runId;
        this.source = source;
        this.trigger = trigger;
        this.since = since;
        this.pipeline = pipeline;
        this.checkpoints = checkpoints;
    }

    @Override public long runId() { return runId; }
    @Override public Trigger trigger() { return trigger; }
    @Override public Optional<Instant> since() { return Optional.ofNullable(since); }

    @Override
    public Optional<Instant> checkpoint(String object) {
        return checkpoints.get(source, object);
    }

    @Override
    public void saveCheckpoint(String object, Instant watermark) {
        checkpoints.advance(source, object, watermark);
    }

    @Override
    public RunCounts accept(List<RawRecord> page) {
        beforePage();
        try {
            return add(pipeline.process(page, trigger, letters));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PageFailedException(e);
        }
    }

    /** Checked before each page is written, in the route ({@link PageSteps#begin}) as in {@link #accept}. */
    void beforePage() {
        // A lost lock may already be another instance's: writing on would run the source twice at once.
        if (!lock.isValid()) throw new RunLockLostException(source);
        // A stop cuts the run between pages: the page before this one is written and counted.
        if (stopRequested.getAsBoolean()) throw new RunStoppedException();
    }

    /** Adds a written page's counts to the run's (pages of several services may be written at once). */
    synchronized RunCounts add(RunCounts c) {
        counts = counts.plus(c);
        progress.add(c);
        return c;
    }

    String source() {
        return source;
    }

    /** The thread the run was started on (its MDC is the run's own). */
    String threadName() {
        return threadName;
    }

    /** Whether this run's pages are worth a lookup of their stored versions ({@link VersionLookups}). */
    VersionLookups versionLookups() {
        return versionLookups;
    }

    /** The dead letters this run wrote, by reason. */
    LetterTally letters() {
        return letters;
    }

    synchronized RunCounts counts() {
        return counts;
    }

    /** The run's lock was lost under it (its database session ended): the run stops before its next page. */
    static final class RunLockLostException extends RuntimeException {
        RunLockLostException(String source) {
            super("the run lock of " + source + " was lost (its database session ended); the run stopped before"
                    + " its next page so that no other instance runs " + source + " at the same time");
        }
    }

    /** The service is stopping: the run ends before its next page and is recorded as interrupted. */
    static final class RunStoppedException extends RuntimeException {
        static final String REASON = "interrupted: the service was stopped";

        RunStoppedException() {
            super(REASON);
        }
    }

    /** A page could not be written (after retries); the run stops and its checkpoint stays. */
    static final class PageFailedException extends RuntimeException {
        PageFailedException(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
