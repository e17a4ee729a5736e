package io.sessionsync.target.salesforce;

import io.sessionsync.model.CanonicalSession;
import io.sessionsync.delivery.SessionTarget;
import io.sessionsync.salesforce.SalesforceLogin;
import io.sessionsync.salesforce.SalesforceDateTimes;
import io.sessionsync.salesforce.SalesforceBudget;
import io.sessionsync.salesforce.SalesforceNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes sessions to Salesforce as EngagementInteraction records, upserted by ExternalIdentifier, at
 * most 200 a call (the API's limit; the component does not split). Each call is the route
 * {@code salesforce-upsert} ({@code routes/target-salesforce.yaml}): a {@code to:} step on camel-salesforce's
 * {@code compositeUpsertSObjectCollections}, between this bean's login and answer steps. A 200 answer can
 * still carry failed records: each result is read, and a rejected record comes back as a
 * {@link TargetFailure} with Salesforce's own error code. The delivery drain ({@code TargetDelivery})
 * retries a call under the one retry policy, sending again only the records refused for now.
 */
public final class SalesforceTarget implements SessionTarget {
    public static final String NAME = "salesforce";
    public static final String OBJECT = "EngagementInteraction";
    public static final String EXTERNAL_ID_FIELD = "ExternalIdentifier";
    public static final int MAX_BATCH = 200;
    /** The route of one call ({@code routes/target-salesforce.yaml}): login, the upsert endpoint, the answer read. */
    public static final String ENDPOINT = "direct:salesforce-upsert";
    /** The route file that carries {@link #ENDPOINT}; its steps call this bean as {@code salesforceTarget}. */
    public static final String ROUTES = "classpath:routes/target-salesforce.yaml";
    /** Exchange property: the {@link UpsertCall} in flight. */
    static final String CALL = "salesforceUpsertCall";
    public static final Set<String> DEFAULT_SOURCES = Set.of("twilio-proxy", "evovoice");
    /** The error code of a record our own mapping could not turn into an EngagementInteraction. */
    public static final String MAPPING = "MAPPING";
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceTarget.class);

    private final ProducerTemplate producer;
    private final TargetRecordMapper mapper;
    private final Set<String> sources;
    private final SalesforceBudget budget;
    private final int batchSize;
    private final SalesforceLogin login;

    public SalesforceTarget(ProducerTemplate producer, TargetRecordMapper mapper, Set<String> sources,
                            SalesforceBudget budget, int batchSize) {
        this(producer, mapper, sources, budget, batchSize, SalesforceLogin.LAZY);
    }

    /** As above, logging in through {@code login}, so that an unreachable login host is named with its setting. */
    public SalesforceTarget(ProducerTemplate producer, TargetRecordMapper mapper, Set<String> sources,
                            SalesforceBudget budget, int batchSize, SalesforceLogin login) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("sessionsync.salesforce.target.batch-size must be 1.." + MAX_BATCH + ", was " + batchSize);
        }
        this.producer = producer;
        this.mapper = mapper;
        this.sources = Set.copyOf(sources);
        this.budget = budget;
        this.batchSize = batchSize;
        this.login = login;
    }

    public SalesforceTarget(ProducerTemplate producer, TargetRecordMapper mapper, SalesforceBudget budget) {
        this(producer, mapper, DEFAULT_SOURCES, budget, MAX_BATCH);
    }

    @Override
    public String name() { return NAME; }

    @Override
    public Set<String> sources() { return sources; }

    @Override
    public int batchSize() { return batchSize; }

    @Override
    public List<TargetFailure> write(List<CanonicalSession> sessions) throws Exception {
        List<TargetFailure> failures = new ArrayList<>();
        List<CanonicalSession> batch = new ArrayList<>();
        List<Map<String, Object>> records = new ArrayList<>();
        for (CanonicalSession s : sessions) {
            Map<String, Object> record;
            try {
                record = toRecord(s);
            } catch (Exception e) {
                failures.add(new TargetFailure(s, MAPPING, describe(e)));
                continue;
            }
            batch.add(s);
            records.add(record);
            if (records.size() == batchSize) {
                failures.addAll(upsert(batch, records));
                batch = new ArrayList<>();
                records = new ArrayList<>();
            }
        }
        if (!records.isEmpty()) failures.addAll(upsert(batch, records));
        return failures;
    }

    @Override
    public void check(CanonicalSession session) throws Exception {
        toRecord(session);
    }

    private Map<String, Object> toRecord(CanonicalSession s) throws Exception {
        Map<String, Object> fields = mapper.toTarget(s);
        if (fields == null) throw new IllegalArgumentException("the target mapping produced no record");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("attributes", Map.of("type", OBJECT));
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            String field = SalesforceNames.apiName(e.getKey());
            Object v = e.getValue();
            record.put(field, v instanceof Instant i ? SalesforceDateTimes.format(i) : v);
        }
        Object key = record.get(EXTERNAL_ID_FIELD);
        if (key == null || key.toString().isBlank()) {
            throw new IllegalArgumentException("the target mapping set no " + EXTERNAL_ID_FIELD);
        }
        return record;
    }

    private List<TargetFailure> upsert(List<CanonicalSession> batch, List<Map<String, Object>> records) throws Exception {
        UpsertCall call = new UpsertCall(batch, records);
        Exchange ex = producer.send(ENDPOINT, e -> {
            e.setProperty(CALL, call);
            e.getIn().setBody(records);
        });
        if (ex.getException() != null) throw ex.getException();
        return call.failures;
    }

    /** Before the call (route step): logged in, so that an unreachable login host is named with its setting. */
    public void login() throws Exception {
        login.ensure();
    }

    /**
     * After the call (route step): the API usage Salesforce reported, and each record's result; a
     * rejected record becomes a {@link TargetFailure} with Salesforce's own error code.
     */
    public void answered(@ExchangeProperty(CALL) UpsertCall call, @Header(SalesforceBudget.HEADER) String limitInfo,
                         @Body List<?> results) {
        budget.update(limitInfo);
        if (results == null || results.size() != call.records.size()) {
            throw new IllegalStateException("Salesforce answered " + (results == null ? "nothing" : results.size() + " results")
                    + " for " + call.records.size() + " upserted records");
        }
        for (int i = 0; i < results.size(); i++) {
            SaveSObjectResult r = (SaveSObjectResult) results.get(i);
            if (Boolean.TRUE.equals(r.getSuccess())) continue;
            CanonicalSession s = call.sessions.get(i);
            List<RestError> errors = r.getErrors() == null ? List.of() : r.getErrors();
            String code = errors.isEmpty() ? "UNKNOWN" : errors.get(0).getErrorCode();
            StringBuilder msg = new StringBuilder();
            for (RestError e : errors) {
                if (msg.length() > 0) msg.append("; ");
                msg.append(e.getErrorCode()).append(": ").append(e.getMessage());
                if (e.getFields() != null && !e.getFields().isEmpty()) msg.append(" ").append(e.getFields());
            }
            LOG.debug("Salesforce rejected {} {} for {}/{}: {}", OBJECT, call.records.get(i).get(EXTERNAL_ID_FIELD),
                    s.source(), s.sourceId(), msg);
            call.failures.add(new TargetFailure(s, code, msg.toString()));
        }
    }

    /** One upsert call: the sessions and their records, in the same order, and what Salesforce refused. */
    public static final class UpsertCall {
        final List<CanonicalSession> sessions;
        final List<Map<String, Object>> records;
        final List<TargetFailure> failures = new ArrayList<>();

        UpsertCall(List<CanonicalSession> sessions, List<Map<String, Object>> records) {
            this.sessions = sessions;
            this.records = records;
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
