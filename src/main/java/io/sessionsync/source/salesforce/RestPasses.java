package io.sessionsync.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.PageCheckpoint;
import io.sessionsync.pipeline.PageSteps;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST passes of {@code routes/source-salesforce.yaml}: per object, first the soft-deleted records of
 * the window ({@code queryAll ... IsDeleted = true}), then the live ones ({@code query}), each ordered by
 * {@code SystemModstamp, Id} and followed through {@code queryMore}. Each live page moves the checkpoint
 * once it is written ({@link PageCheckpoint}); the deleted pass goes first and moves it only once both
 * passes are done ({@link #done}), so a crash between them cannot skip a delete.
 */
public final class RestPasses {
    private static final Logger LOG = LoggerFactory.getLogger(RestPasses.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final RecordIntake intake;

    RestPasses(RecordIntake intake) {
        this.intake = intake;
    }

    /** The deleted pass's SOQL, for {@code queryAll}. */
    public String deleted(Exchange exchange) {
        return start(exchange, true);
    }

    /** The live pass's SOQL, for {@code query}. */
    public String live(Exchange exchange) {
        return start(exchange, false);
    }

    private static String start(Exchange exchange, boolean deleted) {
        PolledObject o = PolledObject.startPass(exchange, deleted);
        exchange.removeProperty(PageSteps.CHECKPOINT);
        return SoqlBuilder.changedSince(o.name, o.fields, o.from, deleted);
    }

    /**
     * A query answer as a page of records (our own left out) and the link to the next page. A live
     * page that reaches past the checkpoint moves it once written; a page that held only our own
     * records has nothing to write, so its checkpoint moves at once.
     */
    public List<RawRecord> page(Exchange exchange) throws Exception {
        PolledObject o = PolledObject.of(exchange);
        PolledObject.Pass pass = o.current;
        SalesforceRun run = SalesforceRun.of(exchange);
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) throw new IllegalStateException("Salesforce " + pass.operation() + " of " + o.name + " answered with no body");
        JsonNode answer = JSON.readTree(body);
        RecordIntake.Page page = intake.page(run.ctx.runId(), o.name, answer.path("records"), pass);
        String next = answer.path("nextRecordsUrl").asText(null);
        pass.nextRecordsUrl = answer.path("done").asBoolean(true) ? null : next;
        exchange.removeProperty(PageSteps.CHECKPOINT);
        if (!pass.deleted && page.newest() != null && (pass.checkpoint == null || page.newest().isAfter(pass.checkpoint))) {
            pass.checkpoint = page.newest();
            if (page.records().isEmpty()) run.ctx.saveCheckpoint(o.name, page.newest());
            else exchange.setProperty(PageSteps.CHECKPOINT, PageCheckpoint.of(o.name, page.newest()));
        }
        return page.records();
    }

    /** The next page's {@code nextRecordsUrl}, for {@code queryMore}; null after the last page. */
    public String next(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
        exchange.removeProperty(PageSteps.CHECKPOINT);
        return PolledObject.of(exchange).current.nextRecordsUrl;
    }

    /** Both passes are done: the deleted pass's newest SystemModstamp moves the checkpoint, if it is newer. */
    public void done(Exchange exchange) {
        SalesforceRun run = SalesforceRun.of(exchange);
        if (run.stopped()) return;
        PolledObject o = PolledObject.of(exchange);
        Instant deletedMax = o.deleted.max;
        if (deletedMax != null && (o.live.checkpoint == null || deletedMax.isAfter(o.live.checkpoint))) {
            run.ctx.saveCheckpoint(o.name, deletedMax);
        }
        LOG.info("run {}: {} read {} live and {} deleted records since {}", run.ctx.runId(), o.name, o.live.read, o.deleted.read, o.from);
    }
}
