package io.sessionsync.source.salesforce;

import io.sessionsync.pipeline.SyncContext;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one object's window through Bulk API 2.0 query jobs ({@link BulkQueryJob}), and counts a window
 * first so the source can tell whether it is big enough to be worth a bulk job.
 */
final class BulkPoll {
    private static final Logger LOG = LoggerFactory.getLogger(BulkPoll.class);

    private final SalesforceSource.Bulk bulk;
    private final SalesforceCalls calls;
    private final BudgetStop stop;
    private final RecordIntake intake;

    BulkPoll(SalesforceSource.Bulk bulk, SalesforceCalls calls, BudgetStop stop, RecordIntake intake) {
        this.bulk = bulk;
        this.calls = calls;
        this.stop = stop;
        this.intake = intake;
    }

    /** The records of {@code object} changed since {@code from}; empty when the run must stop for the quota. */
    OptionalLong changedSince(SyncContext ctx, String object, Instant from) throws Exception {
        try {
            return OptionalLong.of(calls.rest("query", SoqlBuilder.countChangedSince(object, from)).path("totalSize").asLong());
        } catch (Exception e) {
            if (stop.stopsOn(ctx, e)) return OptionalLong.empty();
            throw e;
        }
    }

    /**
     * Both passes of an object through Bulk API 2.0 query jobs: deleted records ({@code queryAll}) first,
     * then live ones. Bulk results come in no promised order (Salesforce splits a big job into chunks that
     * finish in any order, and ORDER BY would switch that chunking off), so a page's newest SystemModstamp
     * says nothing about the records still to come: the checkpoint moves only once both jobs' results were
     * all accepted, to the newest SystemModstamp seen. A run that stops half-way (budget, crash, failed job)
     * reads the whole window again next time; the idempotent upsert makes that cost time, not correctness.
     *
     * @return false when the run must stop for the API budget
     */
    boolean sync(SyncContext ctx, String object, Set<String> fields, Instant from, Optional<Instant> checkpoint) throws Exception {
        BulkQueryJob job = new BulkQueryJob(calls::send, bulk.apiVersion(), bulk.pollInterval(), bulk.maxRecords(), SalesforceSource.Bulk.CHUNK);
        Tally deleted = new Tally();
        Tally live = new Tally();
        try {
            if (stop.mustStop(ctx) || !job.run(object, SoqlBuilder.changedSinceUnordered(object, fields, from, true), true,
                    chunk -> {
                        intake.accept(ctx, object, chunk, deleted);
                        return !stop.mustStop(ctx);
                    })) {
                return false;
            }
            if (stop.mustStop(ctx) || !job.run(object, SoqlBuilder.changedSinceUnordered(object, fields, from, false), false,
                    chunk -> {
                        intake.accept(ctx, object, chunk, live);
                        return !stop.mustStop(ctx);
                    })) {
                return false;
            }
        } catch (Exception e) {
            if (stop.stopsOn(ctx, e)) return false;
            throw e;
        }
        Instant max = deleted.max == null || live.max != null && live.max.isAfter(deleted.max) ? live.max : deleted.max;
        if (max != null && (checkpoint.isEmpty() || max.isAfter(checkpoint.get()))) ctx.saveCheckpoint(object, max);
        LOG.info("run {}: {} read {} live and {} deleted records since {} through the Bulk API 2.0",
                ctx.runId(), object, live.read, deleted.read, from);
        return true;
    }
}
