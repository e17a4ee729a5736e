package io.sessionsync.target.salesforce;

import io.sessionsync.model.CanonicalSession;
import io.sessionsync.delivery.SessionTarget;
import io.sessionsync.delivery.TargetCall;
import io.sessionsync.reliability.ErrorClassifier;
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
 * {@link TargetFailure} with Salesforce's own error code; records refused for now (UNABLE_TO_LOCK_ROW)
 * make the call throw, transient, keeping only them, so that the delivery route's retry sends only them again.
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
    /** Exchange property: true when a refusal for now is to come back as a failure instead of being sent again. */
    static final String REPORT_REFUSED_FOR_NOW = "salesforceReportRefusedForNow";
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
    public TargetCall call(List<CanonicalSession> sessions) {
        if (sessions.size() > batchSize) throw new IllegalArgumentException(sessions.size() + " sessions for one call of at most " + batchSize);
        List<CanonicalSession> sent = new ArrayList<>(sessions.size());
        List<Map<String, Object>> records = new ArrayList<>(sessions.size());
        List<TargetFailure> refused = new ArrayList<>();
        for (CanonicalSession s : sessions) {
            try {
                records.add(toRecord(s));
                sent.add(s);
            } catch (Exception e) {
                refused.add(new TargetFailure(s, MAPPING, describe(e)));
            }
        }
        return new TargetCall(NAME, sent, records, refused);
    }

    @Override
    public String endpoint() {
        return ENDPOINT;
    }

    /**
     * Writes sessions straight through the call route, in calls of the batch size, without the outbox
     * and without retries: each refusal comes back, those for now included (for checks and tools; the
     * service delivers through {@code TargetDelivery}).
     */
    public List<TargetFailure> write(List<CanonicalSession> sessions) throws Exception {
        List<TargetFailure> failures = new ArrayList<>();
        for (int from = 0; from < sessions.size(); from += batchSize) {
            TargetCall call = call(sessions.subList(from, Math.min(sessions.size(), from + batchSize)));
            if (call.hasRecords()) {
                Exchange ex = producer.send(ENDPOINT, e -> {
                    e.setProperty(TargetCall.PROPERTY, call);
                    e.setProperty(REPORT_REFUSED_FOR_NOW, true);
                    e.getIn().setBody(call.records());
                });
                if (ex.getException() != null) throw ex.getException();
            }
            failures.addAll(call.failures());
        }
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

    /** Before the call (route step): logged in, so that an unreachable login host is named with its setting. */
    public void login() throws Exception {
        login.ensure();
    }

    /**
     * After the call (route step): the API usage Salesforce reported, and each record's result; a
     * rejected record becomes a {@link TargetFailure} with Salesforce's own error code.
     */
    public void answered(@ExchangeProperty(TargetCall.PROPERTY) TargetCall call, @Header(SalesforceBudget.HEADER) String limitInfo,
                         @ExchangeProperty(REPORT_REFUSED_FOR_NOW) Boolean reportRefusedForNow, @Body List<?> results) {
        budget.update(limitInfo);
        List<Object> records = call.records();
        if (results == null || results.size() != records.size()) {
            throw new IllegalStateException("Salesforce answered " + (results == null ? "nothing" : results.size() + " results")
                    + " for " + records.size() + " upserted records");
        }
        List<Integer> again = new ArrayList<>();
        String againCode = null;
        for (int i = 0; i < results.size(); i++) {
            SaveSObjectResult r = (SaveSObjectResult) results.get(i);
            if (Boolean.TRUE.equals(r.getSuccess())) continue;
            CanonicalSession s = call.sessions().get(i);
            List<RestError> errors = r.getErrors() == null ? List.of() : r.getErrors();
            String code = errors.isEmpty() ? "UNKNOWN" : errors.get(0).getErrorCode();
            if (ErrorClassifier.isTransientCode(code) && !Boolean.TRUE.equals(reportRefusedForNow)) {
                again.add(i);
                againCode = code;
                continue;
            }
            StringBuilder msg = new StringBuilder();
            for (RestError e : errors) {
                if (msg.length() > 0) msg.append("; ");
                msg.append(e.getErrorCode()).append(": ").append(e.getMessage());
                if (e.getFields() != null && !e.getFields().isEmpty()) msg.append(" ").append(e.getFields());
            }
            LOG.debug("Salesforce rejected {} for {}/{}: {}", OBJECT, s.source(), s.sourceId(), msg);
            call.refused(new TargetFailure(s, code, msg.toString()));
        }
        if (!again.isEmpty()) call.refusedForNow(again, againCode);
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
