package io.sessionsync.pipeline;

import io.sessionsync.model.RawRecord;
import io.sessionsync.run.RunCounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.MDC;

/**
 * The beans behind {@code routes/pipeline.yaml}: a page enters with the run it belongs to (exchange
 * property {@value #RUN}), goes through the record-level steps of {@link RecordPipeline}, and leaves
 * with its counts added to the run and its checkpoint (exchange property {@value #CHECKPOINT}, set by
 * the source route) saved, in that order: a checkpoint never moves past a page not yet written.
 */
public final class PageSteps {
    /** Exchange property: the {@link SyncContext} of the run the exchange belongs to. */
    public static final String RUN = "sessionsyncRun";
    /** Exchange property: {@link PageCheckpoint} to save once the page is written (none: nothing moves). */
    public static final String CHECKPOINT = "sessionsyncCheckpoint";
    /**
     * Exchange property: where the page sits in its source (e.g. a Twilio service and page index), for a
     * source whose pages come back the same when nothing changed; none: the page is checked record by record.
     */
    public static final String PAGE_KEY = "sessionsyncPageKey";

    private final RecordPipeline pipeline;

    public PageSteps(RecordPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Opens a page: the run still holds its lock and is not stopping. */
    public PageWork begin(@ExchangeProperty(RUN) SyncContext run, @ExchangeProperty(PAGE_KEY) String pageKey,
                          @Body List<RawRecord> page) {
        RunContext ctx = runOf(run);
        ctx.beforePage();
        // Pages of one run may be written on Camel's threads (services side by side, read-ahead): their
        // log lines carry the run's id as the run's own thread's do.
        MDC.put("runId", Long.toString(ctx.runId()));
        return new PageWork(ctx.source(), page, ctx.trigger(), ctx.letters(), pageKey, ctx.versionLookups());
    }

    /**
     * Readies a page read ahead of its turn ({@link RecordPipeline#prepare}) on the reading thread; the
     * page is left as it is, for the source route to hand to {@code direct:pipeline-page} in its turn.
     */
    public void prepare(@ExchangeProperty(RUN) SyncContext run, @Body PlacedPage page) {
        pipeline.prepare(runOf(run).source(), page.pageKey(), page.records());
    }

    public PageWork skipUnchanged(@Body PageWork work) throws Exception {
        pipeline.skipUnchanged(work);
        return work;
    }

    public PageWork map(@Body PageWork work) throws Exception {
        pipeline.map(work);
        return work;
    }

    public PageWork upsert(@Body PageWork work) throws Exception {
        pipeline.upsert(work);
        return work;
    }

    public PageWork settleLetters(@Body PageWork work) throws Exception {
        pipeline.settleLetters(work);
        return work;
    }

    public PageWork rememberPage(@Body PageWork work) {
        pipeline.rememberPage(work);
        return work;
    }

    /** Closes a page: its counts go to the run, then its checkpoint moves. Answers the page's counts. */
    public RunCounts end(@ExchangeProperty(RUN) SyncContext run, @ExchangeProperty(CHECKPOINT) PageCheckpoint checkpoint,
                         @Body PageWork work) {
        RunContext ctx = runOf(run);
        RunCounts counts = ctx.add(work.counts());
        if (!Thread.currentThread().getName().equals(ctx.threadName())) MDC.remove("runId");
        if (checkpoint != null) {
            for (Map.Entry<String, Instant> e : checkpoint.watermarks().entrySet()) ctx.saveCheckpoint(e.getKey(), e.getValue());
        }
        return counts;
    }

    private static RunContext runOf(SyncContext run) {
        if (run instanceof RunContext ctx) return ctx;
        throw new IllegalStateException("a page reached the pipeline outside a recorded run (exchange property "
                + RUN + " is " + (run == null ? "missing" : run.getClass().getSimpleName()) + ")");
    }
}
