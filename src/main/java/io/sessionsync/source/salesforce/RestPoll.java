package io.sessionsync.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.pipeline.SyncContext;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one object's window through REST {@code query} / {@code queryAll}, following {@code queryMore}
 * page by page. The deleted pass goes first and moves the checkpoint only once both passes are done, so a
 * crash between them cannot skip a delete; the live pass, ordered by SystemModstamp, saves the checkpoint
 * after each accepted page.
 */
final class RestPoll {
    private static final Logger LOG = LoggerFactory.getLogger(RestPoll.class);

    private final SalesforceCalls calls;
    private final BudgetStop stop;
    private final RecordIntake intake;

    RestPoll(SalesforceCalls calls, BudgetStop stop, RecordIntake intake) {
        this.calls = calls;
        this.stop = stop;
        this.intake = intake;
    }

    /** Returns false when the run must stop for the API budget. */
    boolean sync(SyncContext ctx, String object, Set<String> fields, Instant from, Optional<Instant> checkpoint) throws Exception {
        Pass deleted = new Pass(object, false);
        if (!deleted.run(ctx, "queryAll", SoqlBuilder.changedSince(object, fields, from, true))) return false;
        Pass live = new Pass(object, true);
        live.checkpoint = checkpoint.orElse(null);
        if (!live.run(ctx, "query", SoqlBuilder.changedSince(object, fields, from, false))) return false;
        if (deleted.max != null && (live.checkpoint == null || deleted.max.isAfter(live.checkpoint))) {
            ctx.saveCheckpoint(object, deleted.max);
        }
        LOG.info("run {}: {} read {} live and {} deleted records since {}", ctx.runId(), object, live.read, deleted.read, from);
        return true;
    }

    /** One query followed through its queryMore pages. */
    private final class Pass extends Tally {
        final String object;
        final boolean savesCheckpoint;
        Instant checkpoint;

        Pass(String object, boolean savesCheckpoint) {
            this.object = object;
            this.savesCheckpoint = savesCheckpoint;
        }

        boolean run(SyncContext ctx, String operation, String soql) throws Exception {
            String op = operation;
            String body = soql;
            while (true) {
                if (stop.mustStop(ctx)) return false;
                JsonNode page;
                try {
                    page = calls.rest(op, body);
                } catch (Exception e) {
                    if (stop.stopsOn(ctx, e)) return false;
                    throw e;
                }
                accept(ctx, page);
                String next = page.path("nextRecordsUrl").asText(null);
                if (page.path("done").asBoolean(true) || next == null) return true;
                op = "queryMore";
                body = next;
            }
        }

        private void accept(SyncContext ctx, JsonNode page) {
            Instant pageMax = intake.accept(ctx, object, page.path("records"), this);
            if (savesCheckpoint && pageMax != null && (checkpoint == null || pageMax.isAfter(checkpoint))) {
                ctx.saveCheckpoint(object, pageMax);
                checkpoint = pageMax;
            }
        }
    }
}
