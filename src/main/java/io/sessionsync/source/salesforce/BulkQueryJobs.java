package io.sessionsync.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.PageSteps;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ContentTypeEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bulk API 2.0 passes of {@code routes/source-salesforce.yaml}, for a window over the bulk threshold:
 * per object a {@code queryAll} job (deleted records) and then a {@code query} job (live ones), each
 * created with {@code bulk2CreateQueryJob}, polled with {@code bulk2GetQueryJob} until JobComplete, and
 * read with {@code bulk2GetQueryJobResults} page by page, following the {@code Sforce-Locator} header until
 * it says {@code null}. Each results page (at most {@code maxRecords} rows) is parsed as the route hands
 * it on in chunks ({@link BulkCsvChunks}).
 *
 * <p>Bulk results come in no promised order (Salesforce splits a big job into chunks that finish in any
 * order, and ORDER BY would switch that chunking off), so a page's newest SystemModstamp says nothing about
 * the records still to come: the checkpoint moves only once both jobs' results were all written
 * ({@link #done}), to the newest SystemModstamp seen. A run that stops half-way (budget, crash, failed job)
 * reads the whole window again next time; the idempotent upsert makes that cost time, not correctness.
 */
public final class BulkQueryJobs {
    private static final Logger LOG = LoggerFactory.getLogger(BulkQueryJobs.class);
    private static final ObjectMapper JSON = Json.mapper();
    /** The response header naming the next results page; the text "null" after the last. */
    static final String LOCATOR_HEADER = "Sforce-Locator";
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9]{15,18}");

    /** The job ended Failed or Aborted: nothing after it may be trusted, so the checkpoint stays. */
    public static final class FailedException extends RuntimeException {
        FailedException(String message) {
            super(message);
        }
    }

    private final SalesforceSource.Bulk bulk;
    private final RecordIntake intake;

    BulkQueryJobs(SalesforceSource.Bulk bulk, RecordIntake intake) {
        this.bulk = bulk;
        this.intake = intake;
    }

    /** The deleted pass's job request: a {@code queryAll} job. */
    public QueryJob deleted(Exchange exchange) {
        return start(exchange, true);
    }

    /** The live pass's job request: a {@code query} job. */
    public QueryJob live(Exchange exchange) {
        return start(exchange, false);
    }

    private static QueryJob start(Exchange exchange, boolean deleted) {
        PolledObject o = PolledObject.startPass(exchange, deleted);
        QueryJob request = new QueryJob();
        request.setOperation(deleted ? OperationEnum.QUERY_ALL : OperationEnum.QUERY);
        // No ORDER BY: it switches off the PK chunking that makes big bulk queries fast.
        request.setQuery(SoqlBuilder.changedSinceUnordered(o.name, o.fields, o.from, deleted));
        request.setContentType(ContentTypeEnum.CSV);
        return request;
    }

    /** The job as Salesforce answered it (created or polled); null when the run stopped instead of calling. */
    public QueryJob job(Exchange exchange) {
        QueryJob job = exchange.getMessage().getBody(QueryJob.class);
        if (SalesforceRun.of(exchange).stopped()) return null;
        PolledObject o = PolledObject.of(exchange);
        PolledObject.Pass pass = o.current;
        if (pass.jobId == null) {
            if (job == null || job.getId() == null) {
                throw new IllegalStateException("Salesforce created a Bulk API 2.0 query job for " + o.name + " without an id");
            }
            pass.jobId = job.getId();
        } else if (job == null) {
            throw new IllegalStateException("Salesforce answered no job info for Bulk API 2.0 query job " + pass.jobId);
        }
        return job;
    }

    /** Whether the job in the body is still running (neither JobComplete nor Failed nor Aborted). */
    public boolean running(Exchange exchange) {
        QueryJob job = exchange.getMessage().getBody(QueryJob.class);
        return job != null && job.getState() != JobStateEnum.JOB_COMPLETE && !ended(job);
    }

    /** How long to wait before polling the job again, in ms. */
    public long pollMillis() {
        return bulk.pollInterval().toMillis();
    }

    /** The headers of {@code bulk2GetQueryJob}. */
    public void statusRequest(Exchange exchange) {
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader("jobId", PolledObject.of(exchange).current.jobId);
        m.setBody(null);
    }

    /** Whether the job in the body ended Failed or Aborted. */
    public boolean failed(Exchange exchange) {
        QueryJob job = exchange.getMessage().getBody(QueryJob.class);
        return job != null && ended(job);
    }

    /**
     * The request for Salesforce's reason of a failed job: camel-salesforce's QueryJob drops the job info's
     * {@code errorMessage}, so the job is read once more through the {@code raw} operation (header rawPath).
     */
    public void reasonRequest(Exchange exchange) {
        Message m = exchange.getMessage();
        QueryJob job = m.getBody(QueryJob.class);
        String id = PolledObject.of(exchange).current.jobId;
        // The id goes into a path: anything but an id's shape is not sent (the failure is reported without a reason).
        PolledObject.of(exchange).current.endedAs = job != null && job.getState() == JobStateEnum.ABORTED ? "Aborted" : "Failed";
        if (!JOB_ID.matcher(id).matches()) throw failure(exchange, "");
        m.removeHeaders("*");
        m.setHeader("rawPath", "/services/data/v" + bulk.apiVersion() + "/jobs/query/" + id);
        m.setBody(null);
    }

    /** Throws the failed job's error, with Salesforce's reason when the raw answer (body) has one. */
    public void fail(Exchange exchange) {
        String reason = "";
        try {
            String answer = exchange.getMessage().getBody(String.class);
            String message = answer == null ? "" : JSON.readTree(answer).path("errorMessage").asText("");
            reason = message.isBlank() ? "" : " (Salesforce: " + message + ")";
        } catch (Exception e) {
            // best effort: the job's failure is the error to report either way
        }
        throw failure(exchange, reason);
    }

    private static FailedException failure(Exchange exchange, String reason) {
        PolledObject o = PolledObject.of(exchange);
        PolledObject.Pass pass = o.current;
        return new FailedException("Salesforce Bulk API 2.0 query job " + pass.jobId + " (" + o.name + ", " + pass.operation()
                + ") ended " + pass.endedAs + reason + "; the checkpoint of " + o.name + " is kept and the next run reads the same window again");
    }

    /** The job whose first results page is read next; null when the run stopped before the job completed. */
    public String firstResults(Exchange exchange) {
        if (SalesforceRun.of(exchange).stopped()) return null;
        PolledObject.Pass pass = PolledObject.of(exchange).current;
        pass.locator = null;
        pass.resultsPage = 0;
        return pass.jobId;
    }

    /** The headers of {@code bulk2GetQueryJobResults}: the job, the page size, and the page (locator). */
    public void resultsRequest(Exchange exchange) {
        PolledObject.Pass pass = PolledObject.of(exchange).current;
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader("jobId", pass.jobId);
        m.setHeader("maxRecords", bulk.maxRecords());
        if (pass.locator != null) m.setHeader("locator", pass.locator);
        m.setBody(null);
    }

    /**
     * A results page (CSV, body) as chunks of records for the pipeline; none when the run stopped. The
     * page's {@code Sforce-Locator} must be there: without it the remaining pages would be skipped silently.
     */
    public Iterator<List<RawRecord>> chunks(Exchange exchange) {
        exchange.removeProperty(PageSteps.CHECKPOINT);  // the checkpoint moves once, after both jobs (done)
        PolledObject o = PolledObject.of(exchange);
        PolledObject.Pass pass = o.current;
        SalesforceRun run = SalesforceRun.of(exchange);
        if (run.stopped()) {
            pass.nextLocator = null;
            return Collections.emptyIterator();
        }
        Message m = exchange.getMessage();
        String what = "Bulk API 2.0 results of job " + pass.jobId + " (" + o.name + "), page " + (pass.resultsPage + 1);
        String next = m.getHeader(LOCATOR_HEADER, String.class);
        if (next == null) throw new IllegalStateException(what + ": the answer has no " + LOCATOR_HEADER + " header");
        pass.nextLocator = next.isEmpty() || next.equals("null") ? null : next;
        InputStream csv = m.getBody(InputStream.class);
        if (csv == null) throw new IllegalStateException(what + ": the answer has no body");
        return new BulkCsvChunks(csv, o.name, bulk.apiVersion(), what, SalesforceSource.Bulk.CHUNK,
                chunk -> intake.page(run.ctx.runId(), o.name, chunk, pass).records());
    }

    /** The locator of the page after the one just read; null after the last page or once the run stopped. */
    public String nextResults(Exchange exchange) {
        PolledObject.Pass pass = PolledObject.of(exchange).current;
        if (SalesforceRun.of(exchange).stopped()) return null;
        pass.locator = pass.nextLocator;
        pass.resultsPage++;
        return pass.locator;
    }

    /** Both jobs' results are written: the checkpoint moves to the newest SystemModstamp read, if newer. */
    public void done(Exchange exchange) {
        SalesforceRun run = SalesforceRun.of(exchange);
        if (run.stopped()) return;
        PolledObject o = PolledObject.of(exchange);
        Instant d = o.deleted.max;
        Instant l = o.live.max;
        Instant max = d == null || l != null && l.isAfter(d) ? l : d;
        if (max != null && (o.checkpoint == null || max.isAfter(o.checkpoint))) run.ctx.saveCheckpoint(o.name, max);
        LOG.info("run {}: {} read {} live and {} deleted records since {} through the Bulk API 2.0",
                run.ctx.runId(), o.name, o.live.read, o.deleted.read, o.from);
    }

    private static boolean ended(QueryJob job) {
        return job.getState() == JobStateEnum.FAILED || job.getState() == JobStateEnum.ABORTED;
    }
}
