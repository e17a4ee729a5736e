package io.sessionsync.source.salesforce;

import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.config.Settings;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.SourceAdapter;
import io.sessionsync.pipeline.SyncContext;
import io.sessionsync.salesforce.SalesforceBudget;
import io.sessionsync.salesforce.SalesforceLogin;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
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
 *
 * <p>This class decides which way each object is read; {@link RestPoll}, {@link BulkPoll},
 * {@link RecordIntake} (loop guard) and {@link BudgetStop} do the reading.
 */
public final class SalesforceSource implements SourceAdapter {
    public static final String NAME = "salesforce";
    public static final List<String> DEFAULT_OBJECTS = List.of("SOSSession", "MessagingSession", "EngagementInteraction");
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceSource.class);

    /**
     * @param overlap         how far before the checkpoint each poll starts (late commits, shared timestamps)
     * @param budgetShare     share of the daily API budget above which a scheduled run stops (0.8 = 80 %)
     * @param loopGuardPrefix ExternalIdentifier prefix of EngagementInteractions session-sync wrote itself
     */
    public record Options(Duration overlap, double budgetShare, String loopGuardPrefix) {
        /** The declared defaults; defaults and checks live in {@link Settings} only. */
        public static final Options DEFAULTS = from(Settings.defaults());

        public static Options from(Settings s) {
            return new Options(s.getDuration(Settings.SF_OVERLAP), s.getDouble(Settings.SF_BUDGET_SHARE),
                    s.get(Settings.SF_LOOP_GUARD_PREFIX));
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
        /** Never bulk; the rest at the declared defaults (defaults and checks live in {@link Settings} only). */
        public static final Bulk OFF = from(Settings.defaults()).withThreshold(0);
        /** Records handed to the pipeline at a time, like one REST query page. */
        static final int CHUNK = 2000;

        public static Bulk from(Settings s) {
            return new Bulk(s.getInt(Settings.SF_BULK_THRESHOLD), s.getMillis(Settings.SF_BULK_POLL_MS),
                    s.getInt(Settings.SF_BULK_PAGE_RECORDS), s.get(Settings.SF_API_VERSION));
        }

        public Bulk withThreshold(long records) {
            return new Bulk(records, pollInterval, maxRecords, apiVersion);
        }

        boolean enabled() { return threshold > 0; }
    }

    private final Map<String, Set<String>> fieldsByObject;
    private final Bulk bulk;
    private final SalesforceBudget budget;
    private final Options options;
    private final SalesforceCalls calls;
    private final BudgetStop stop;
    private final RecordIntake intake;
    private final RestPoll restPoll;
    private final BulkPoll bulkPoll;
    private volatile boolean lastRunStopped;

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
        this(producer, fieldsByObject, budget, options, bulk, SalesforceLogin.LAZY, RetryPolicy.once());
    }

    /** As above, logging in through {@code login}: retried, and named when Salesforce is unreachable. */
    /** As above, its REST queries retried under {@code retry}. */
    public SalesforceSource(ProducerTemplate producer, Map<String, Set<String>> fieldsByObject,
                            SalesforceBudget budget, Options options, Bulk bulk, SalesforceLogin login, RetryPolicy retry) {
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
        this.calls = new SalesforceCalls(producer, budget, login, retry);
        this.stop = new BudgetStop(calls, budget, options.budgetShare());
        this.intake = new RecordIntake(options.loopGuardPrefix());
        this.restPoll = new RestPoll(calls, stop, intake);
        this.bulkPoll = new BulkPoll(bulk, calls, stop, intake);
    }

    @Override
    public String name() { return NAME; }

    public SalesforceBudget budget() { return budget; }

    /** EngagementInteractions skipped because session-sync wrote them (since start). */
    public long skippedOwnRecords() { return intake.skippedOwnRecords(); }

    /** Whether the last run stopped early for the API budget. */
    public boolean lastRunStopped() { return lastRunStopped; }

    @Override
    public void sync(SyncContext context) throws Exception {
        lastRunStopped = false;
        calls.startRun();
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
            if (stop.mustStop(ctx)) return false;
            OptionalLong changed = bulkPoll.changedSince(ctx, object, from);
            if (changed.isEmpty()) return false;
            if (changed.getAsLong() > bulk.threshold()) {
                LOG.info("run {}: {} has {} records changed since {}, over the bulk threshold of {}: reading through the Bulk API 2.0",
                        ctx.runId(), object, changed.getAsLong(), from, bulk.threshold());
                return bulkPoll.sync(ctx, object, fields, from, checkpoint);
            }
        }
        return restPoll.sync(ctx, object, fields, from, checkpoint);
    }

    @Override
    public Optional<RawRecord> fetch(String object, String id) throws Exception {
        Set<String> fields = fieldsByObject.get(object);
        if (fields == null) throw new IllegalArgumentException("Salesforce object not configured: " + SoqlBuilder.name(object));
        // queryAll, so a webhook or replay naming a deleted record learns that it is deleted.
        return intake.first(object, calls.rest("queryAll", SoqlBuilder.byId(object, fields, id)).path("records"));
    }
}
