package io.sessionsync.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.SourceAdapter;
import io.sessionsync.pipeline.SyncContext;
import io.sessionsync.pipeline.Trigger;
import io.sessionsync.reliability.ErrorClassifier;
import io.sessionsync.salesforce.SalesforceBudget;
import io.sessionsync.salesforce.SalesforceComponentFactory;
import io.sessionsync.salesforce.SalesforceDateTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls SOSSession, MessagingSession and EngagementInteraction through camel-salesforce
 * ({@code query}, {@code queryMore}, {@code queryAll}, all with {@code rawPayload=true}), one page at a
 * time, from the checkpoint minus an overlap, ordered by {@code SystemModstamp, Id}.
 *
 * <p>Per object: first the soft-deleted records of the window ({@code queryAll ... IsDeleted = true}),
 * then the live ones, saving the checkpoint after each accepted live page. The deleted pass goes first
 * and moves the checkpoint only once both passes are done, so a crash between them cannot skip a delete.
 *
 * <p>A scheduled run stops cleanly, checkpoint kept, when the org's API usage is over the configured
 * share, or when Salesforce answers REQUEST_LIMIT_EXCEEDED: the quota is not a record fault.
 *
 * <p>A big window (a backfill) is read through the Bulk API 2.0 instead: with {@link Bulk} on, each
 * object's poll starts with a {@code SELECT COUNT()} of the window, and above the threshold both passes
 * run as bulk query jobs ({@link BulkQueryJob}), with the same loop guard and the same records.
 */
public final class SalesforceSource implements SourceAdapter {
    public static final String NAME = "salesforce";
    public static final List<String> DEFAULT_OBJECTS = List.of("SOSSession", "MessagingSession", "EngagementInteraction");
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOOP_GUARD_OBJECT = "EngagementInteraction";

    /**
     * @param overlap         how far before the checkpoint each poll starts (late commits, shared timestamps)
     * @param budgetShare     share of the daily API budget above which a scheduled run stops (0.8 = 80 %)
     * @param loopGuardPrefix ExternalIdentifier prefix of EngagementInteractions session-sync wrote itself
     */
    public record Options(Duration overlap, double budgetShare, String loopGuardPrefix) {
        public static final Options DEFAULTS = new Options(Duration.ofMinutes(10), 0.8, "session-sync:");

        public Options {
            if (overlap == null || overlap.isNegative()) throw new IllegalArgumentException("sessionsync.salesforce.source.overlap must be >= 0");
            if (budgetShare <= 0 || budgetShare > 1) throw new IllegalArgumentException("sessionsync.salesforce.source.budget-share must be in (0, 1], was " + budgetShare);
            if (loopGuardPrefix == null || loopGuardPrefix.isBlank()) throw new IllegalArgumentException("sessionsync.salesforce.loop-guard-prefix is required");
        }
    }

    /**
     * When to read through the Bulk API 2.0 query instead of paging REST queries.
     *
     * @param threshold    records changed in the window above which an object is read in bulk; 0: never
     * @param pollInterval how long to wait between job status polls
     * @param maxRecords   rows per results page ({@code maxRecords} of the results call)
     * @param apiVersion   the API version in the records' {@code attributes.url}, as the REST query writes it
     */
    public record Bulk(long threshold, Duration pollInterval, int maxRecords, String apiVersion) {
        public static final Bulk OFF = new Bulk(0, Duration.ofSeconds(2), 10_000, "62.0");
        /** Records handed to the pipeline at a time, like one REST query page. */
        static final int CHUNK = 2000;

        public Bulk {
            if (threshold < 0) throw new IllegalArgumentException("sessionsync.salesforce.source.bulk-threshold must be >= 0, was " + threshold);
            if (pollInterval == null || pollInterval.isNegative()) throw new IllegalArgumentException("sessionsync.salesforce.source.bulk-poll-ms must be >= 0");
            if (maxRecords < 1) throw new IllegalArgumentException("sessionsync.salesforce.source.bulk-page-records must be >= 1, was " + maxRecords);
        }

        boolean enabled() { return threshold > 0; }
    }

    private final ProducerTemplate producer;
    private final Map<String, Set<String>> fieldsByObject;
    private final Bulk bulk;
    private final SalesforceBudget budget;
    private final Options options;
    private final AtomicLong skippedOwnRecords = new AtomicLong();
    private volatile boolean lastRunStopped;
    /** Whether this run has had its own Sforce-Limit-Info: yesterday's reading must not stop today's run. */
    private volatile boolean budgetReadThisRun;

    /**
     * @param fieldsByObject per object to poll (in this order), the fields the mapping reads; Id,
     *                       SystemModstamp, CreatedDate and IsDeleted are always added
     */
    public SalesforceSource(ProducerTemplate producer, Map<String, Set<String>> fieldsByObject,
                            SalesforceBudget budget, Options options) {
        this(producer, fieldsByObject, budget, options, Bulk.OFF);
    }

    /** As above, reading windows bigger than {@code bulk.threshold()} through the Bulk API 2.0. */
    public SalesforceSource(ProducerTemplate producer, Map<String, Set<String>> fieldsByObject,
                            SalesforceBudget budget, Options options, Bulk bulk) {
        this.producer = producer;
        this.bulk = bulk;
        this.budget = budget;
        this.options = options;
        if (fieldsByObject.isEmpty()) throw new IllegalArgumentException("no Salesforce objects to poll");
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        fieldsByObject.forEach((object, fields) -> {
            SoqlBuilder.name(object);
            SoqlBuilder.selectList(fields); // fails now, at start-up, on a bad field name
            copy.put(object, Set.copyOf(fields));
        });
        this.fieldsByObject = copy;
    }

    @Override
    public String name() { return NAME; }

    public SalesforceBudget budget() { return budget; }

    /** EngagementInteractions skipped because session-sync wrote them (since start). */
    public long skippedOwnRecords() { return skippedOwnRecords.get(); }

    /** Whether the last run stopped early for the API budget. */
    public boolean lastRunStopped() { return lastRunStopped; }

    @Override
    public void sync(SyncContext context) throws Exception {
        lastRunStopped = false;
        budgetReadThisRun = false;
        for (String object : fieldsByObject.keySet()) {
            if (!syncObject(context, object)) {
                lastRunStopped = true;
                LOG.warn("run {}: Salesforce API usage {} is over {}% of the daily budget; stopping before {} is done,"
                        + " checkpoints kept, the next run resumes", context.runId(), budget,
                        Math.round(options.budgetShare() * 100), object);
                return;
            }
        }
    }

    /** Returns false when the run must stop for the API budget. */
    private boolean syncObject(SyncContext ctx, String object) throws Exception {
        Optional<Instant> checkpoint = ctx.checkpoint(object);
        Instant from = ctx.since().orElseGet(() -> checkpoint.map(c -> c.minus(options.overlap())).orElse(Instant.EPOCH));
        Set<String> fields = fieldsByObject.get(object);
        if (bulk.enabled()) {
            if (mustStop(ctx)) return false;
            long changed;
            try {
                changed = call("query", SoqlBuilder.countChangedSince(object, from)).path("totalSize").asLong();
            } catch (Exception e) {
                if (ctx.trigger() == Trigger.SCHEDULE && isQuotaExhausted(e)) return false;
                throw e;
            }
            if (changed > bulk.threshold()) {
                LOG.info("run {}: {} has {} records changed since {}, over the bulk threshold of {}: reading through the Bulk API 2.0",
                        ctx.runId(), object, changed, from, bulk.threshold());
                return syncInBulk(ctx, object, from, checkpoint);
            }
        }

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
                if (mustStop(ctx)) return false;
                JsonNode page;
                try {
                    page = call(op, body);
                } catch (Exception e) {
                    if (ctx.trigger() == Trigger.SCHEDULE && isQuotaExhausted(e)) return false;
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
            Instant pageMax = acceptRecords(ctx, object, page.path("records"), this);
            if (savesCheckpoint && pageMax != null && (checkpoint == null || pageMax.isAfter(checkpoint))) {
                ctx.saveCheckpoint(object, pageMax);
                checkpoint = pageMax;
            }
        }
    }

    /** What one pass (REST or bulk) has read so far. */
    private static class Tally {
        Instant max;
        long read;
    }

    /**
     * Hands one page to the pipeline, skipping our own EngagementInteractions (loop guard), and returns
     * the page's newest SystemModstamp (own records included: they were read, so the window moved past them).
     */
    private Instant acceptRecords(SyncContext ctx, String object, Iterable<JsonNode> page, Tally tally) {
        List<RawRecord> records = new ArrayList<>();
        Instant pageMax = null;
        for (JsonNode r : page) {
            Instant version = version(r);
            if (version != null && (pageMax == null || version.isAfter(pageMax))) pageMax = version;
            if (isOwn(r)) {
                skippedOwnRecords.incrementAndGet();
                LOG.debug("run {}: skipping {} {}: written by session-sync (loop guard)", ctx.runId(), object, r.path("Id").asText());
                continue;
            }
            records.add(new RawRecord(NAME, object, r.path("Id").asText(null), version, r.toString()));
        }
        tally.read += records.size();
        if (!records.isEmpty()) ctx.accept(records);
        if (pageMax != null && (tally.max == null || pageMax.isAfter(tally.max))) tally.max = pageMax;
        return pageMax;
    }

    /**
     * Both passes of an object through Bulk API 2.0 query jobs: deleted records ({@code queryAll}) first,
     * then live ones. Bulk results come in no promised order (Salesforce splits a big job into chunks that
     * finish in any order, and ORDER BY would switch that chunking off), so a page's newest SystemModstamp
     * says nothing about the records still to come: the checkpoint moves only once both jobs' results were
     * all accepted, to the newest SystemModstamp seen. A run that stops half-way (budget, crash, failed job)
     * reads the whole window again next time; the idempotent upsert makes that cost time, not correctness.
     */
    private boolean syncInBulk(SyncContext ctx, String object, Instant from, Optional<Instant> checkpoint) throws Exception {
        Set<String> fields = fieldsByObject.get(object);
        BulkQueryJob job = new BulkQueryJob(this::send, bulk.apiVersion(), bulk.pollInterval(), bulk.maxRecords(), Bulk.CHUNK);
        Tally deleted = new Tally();
        Tally live = new Tally();
        try {
            if (mustStop(ctx) || !job.run(object, SoqlBuilder.changedSinceUnordered(object, fields, from, true), true,
                    chunk -> {
                        acceptRecords(ctx, object, chunk, deleted);
                        return !mustStop(ctx);
                    })) {
                return false;
            }
            if (mustStop(ctx) || !job.run(object, SoqlBuilder.changedSinceUnordered(object, fields, from, false), false,
                    chunk -> {
                        acceptRecords(ctx, object, chunk, live);
                        return !mustStop(ctx);
                    })) {
                return false;
            }
        } catch (Exception e) {
            if (ctx.trigger() == Trigger.SCHEDULE && isQuotaExhausted(e)) return false;
            throw e;
        }
        Instant max = deleted.max == null || live.max != null && live.max.isAfter(deleted.max) ? live.max : deleted.max;
        if (max != null && (checkpoint.isEmpty() || max.isAfter(checkpoint.get()))) ctx.saveCheckpoint(object, max);
        LOG.info("run {}: {} read {} live and {} deleted records since {} through the Bulk API 2.0",
                ctx.runId(), object, live.read, deleted.read, from);
        return true;
    }

    @Override
    public Optional<RawRecord> fetch(String object, String id) throws Exception {
        Set<String> fields = fieldsByObject.get(object);
        if (fields == null) throw new IllegalArgumentException("Salesforce object not configured: " + SoqlBuilder.name(object));
        // queryAll, so a webhook or replay naming a deleted record learns that it is deleted.
        JsonNode page = call("queryAll", SoqlBuilder.byId(object, fields, id));
        for (JsonNode r : page.path("records")) {
            if (isOwn(r)) {
                skippedOwnRecords.incrementAndGet();
                return Optional.empty();
            }
            return Optional.of(new RawRecord(NAME, object, r.path("Id").asText(null), version(r), r.toString()));
        }
        return Optional.empty();
    }

    private boolean mustStop(SyncContext ctx) {
        return ctx.trigger() == Trigger.SCHEDULE && budgetReadThisRun && budget.exceeds(options.budgetShare());
    }

    private boolean isOwn(JsonNode record) {
        String object = record.path("attributes").path("type").asText("");
        String ext = record.path("ExternalIdentifier").asText(null);
        return LOOP_GUARD_OBJECT.equals(object) && ext != null && ext.startsWith(options.loopGuardPrefix());
    }

    private static Instant version(JsonNode record) {
        String stamp = record.path("SystemModstamp").asText(null);
        try {
            return SalesforceDateTimes.parse(stamp);
        } catch (RuntimeException e) {
            return null; // the mapping decides what a record without a version means
        }
    }

    private static boolean isQuotaExhausted(Exception e) {
        return ErrorClassifier.errorCode(e).filter("REQUEST_LIMIT_EXCEEDED"::equals).isPresent();
    }

    private JsonNode call(String operation, String body) throws Exception {
        Exchange ex = send(operation + "?rawPayload=true", body, Map.of());
        String json = ex.getMessage().getBody(String.class);
        if (json == null || json.isBlank()) throw new IllegalStateException("Salesforce " + operation + " answered with no body");
        return JSON.readTree(json);
    }

    /**
     * Sends one call to {@code salesforce:<endpoint>} (REST calls with rawPayload, bulk calls with the
     * DTOs and streams camel-salesforce has for them), reads the API usage it reports, throws its failure.
     */
    private Exchange send(String endpoint, Object body, Map<String, Object> headers) throws Exception {
        Exchange ex = producer.send(SalesforceComponentFactory.COMPONENT + ":" + endpoint, e -> {
            e.getIn().setBody(body);
            headers.forEach(e.getIn()::setHeader);
        });
        String limitInfo = ex.getMessage().getHeader(SalesforceBudget.HEADER, String.class);
        if (limitInfo != null) {
            budget.update(limitInfo);
            budgetReadThisRun = true;
        }
        if (ex.getException() != null) throw ex.getException();
        return ex;
    }
}
