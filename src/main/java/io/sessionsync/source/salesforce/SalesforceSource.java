package io.sessionsync.source.salesforce;

import io.sessionsync.config.Settings;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.RecordFetcher;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.salesforce.SalesforceBudget;
import io.sessionsync.salesforce.SalesforceLogin;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.ProducerTemplate;

/**
 * SOSSession, MessagingSession and EngagementInteraction one at a time: fetches a record by id for
 * webhooks and replays ({@code queryAll}, so a deleted record is known as deleted; our own
 * EngagementInteractions are left out, as the loop guard does for runs). Runs poll through
 * {@code routes/source-salesforce.yaml} ({@link SalesforcePolling}): per object, from the checkpoint minus
 * an overlap, the deleted records first and then the live ones, through REST query pages or, for a big
 * window, Bulk API 2.0 query jobs.
 */
public final class SalesforceSource implements RecordFetcher {
    public static final String NAME = "salesforce";
    public static final List<String> DEFAULT_OBJECTS = List.of("SOSSession", "MessagingSession", "EngagementInteraction");

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
    private final SalesforceCalls calls;
    private final RecordIntake intake;

    /**
     * @param fieldsByObject per object, the fields the mapping reads
     * @param login          logs in before the fetch: retried, and named when Salesforce is unreachable
     * @param retry          a fetch runs outside a route step, under the retry policy's own loop
     */
    public SalesforceSource(ProducerTemplate producer, Map<String, Set<String>> fieldsByObject, SalesforceBudget budget,
                            Options options, SalesforceLogin login, RetryPolicy retry) {
        this.fieldsByObject = checkedFields(fieldsByObject);
        this.calls = new SalesforceCalls(producer, budget, login, retry);
        this.intake = new RecordIntake(options.loopGuardPrefix());
    }

    /** A copy of the objects and fields to poll, each name checked now, at start-up. */
    static Map<String, Set<String>> checkedFields(Map<String, Set<String>> fieldsByObject) {
        if (fieldsByObject.isEmpty()) throw new IllegalArgumentException("no Salesforce objects to poll");
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        fieldsByObject.forEach((object, fields) -> {
            SoqlBuilder.name(object);
            SoqlBuilder.selectList(fields); // fails now, at start-up, on a bad field name
            copy.put(object, Set.copyOf(fields));
        });
        return copy;
    }

    @Override
    public Optional<RawRecord> fetch(String object, String id) throws Exception {
        Set<String> fields = fieldsByObject.get(object);
        if (fields == null) throw new IllegalArgumentException("Salesforce object not configured: " + SoqlBuilder.name(object));
        // queryAll, so a webhook or replay naming a deleted record learns that it is deleted.
        return intake.first(object, calls.rest("queryAll", SoqlBuilder.byId(object, fields, id)).path("records"));
    }
}
