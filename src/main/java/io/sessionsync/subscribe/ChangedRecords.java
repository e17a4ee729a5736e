package io.sessionsync.subscribe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import io.sessionsync.model.RawRecord;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.salesforce.SalesforceDateTimes;
import io.sessionsync.salesforce.SalesforceLogin;
import io.sessionsync.source.salesforce.SoqlBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Fetches the current rows of the records change events named: one {@code queryAll} per object and
 * up to {@value #IDS_PER_QUERY} ids ({@code Id IN (...)}), with the same select list as polling (the
 * mapping's {@code readFields()} plus Id, SystemModstamp, CreatedDate, IsDeleted), so a deleted record
 * comes back with {@code IsDeleted = true} and is mapped the way a poll maps it.
 *
 * <p>The loop guard of polling applies: EngagementInteractions session-sync wrote itself (their
 * ExternalIdentifier starts with the prefix) are left out, or every delivery would come back as a change.
 */
final class ChangedRecords {
    /** Ids per query: keeps the GET request's SOQL well under Salesforce's URI length limit. */
    static final int IDS_PER_QUERY = 200;
    private static final String LOOP_GUARD_OBJECT = "EngagementInteraction";
    private static final ObjectMapper JSON = Json.mapper();

    /** The rows found (own records left out) and every id Salesforce returned, own records included. */
    record Fetched(List<RawRecord> records, Set<String> returnedIds) {}

    private final ProducerTemplate producer;
    private final Map<String, Set<String>> fieldsByObject;
    private final String loopGuardPrefix;
    private final SalesforceLogin login;
    private final RetryPolicy retry;
    private final AtomicLong skippedOwn = new AtomicLong();

    ChangedRecords(ProducerTemplate producer, Map<String, Set<String>> fieldsByObject, String loopGuardPrefix,
                   SalesforceLogin login, RetryPolicy retry) {
        this.producer = producer;
        this.fieldsByObject = Map.copyOf(fieldsByObject);
        this.loopGuardPrefix = loopGuardPrefix;
        this.login = login;
        this.retry = retry;
        fieldsByObject.values().forEach(SoqlBuilder::selectList); // a bad field name fails at start-up
    }

    /** Whether events of this object are synced (others on a channel, e.g. /data/ChangeEvents, are not ours). */
    boolean syncs(String object) {
        return fieldsByObject.containsKey(object);
    }

    long skippedOwnRecords() { return skippedOwn.get(); }

    Fetched fetch(String source, Map<String, Set<String>> idsByObject) throws Exception {
        List<RawRecord> out = new ArrayList<>();
        Set<String> returned = new HashSet<>();
        for (var e : idsByObject.entrySet()) {
            if (!syncs(e.getKey())) continue;
            List<String> ids = e.getValue().stream().filter(ChangedRecords::looksLikeId).toList();
            for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
                String soql = byIds(e.getKey(), fieldsByObject.get(e.getKey()), ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY)));
                for (JsonNode r : query(soql).path("records")) {
                    String id = r.path("Id").asText(null);
                    returned.add(id);
                    if (isOwn(r)) {
                        skippedOwn.incrementAndGet();
                        continue;
                    }
                    out.add(new RawRecord(source, e.getKey(), id, version(r), r.toString()));
                }
            }
        }
        return new Fetched(out, returned);
    }

    /** {@code SELECT <fields> FROM <object> WHERE Id IN ('...', ...)}: names and ids checked by {@link SoqlBuilder}. */
    static String byIds(String object, Collection<String> fields, Collection<String> ids) {
        StringBuilder in = new StringBuilder();
        for (String id : ids) {
            if (in.length() > 0) in.append(", ");
            in.append(SoqlBuilder.quote(SoqlBuilder.recordId(id)));
        }
        return "SELECT " + SoqlBuilder.selectList(fields) + " FROM " + SoqlBuilder.name(object) + " WHERE Id IN (" + in + ")";
    }

    private JsonNode query(String soql) throws Exception {
        login.ensure();
        return retry.call("Salesforce queryAll by Id", () -> {
            Exchange ex = producer.send("salesforce:queryAll?rawPayload=true", x -> x.getIn().setBody(soql));
            if (ex.getException() != null) throw ex.getException();
            String json = ex.getMessage().getBody(String.class);
            if (json == null || json.isBlank()) throw new IllegalStateException("Salesforce queryAll answered with no body");
            return JSON.readTree(json);
        });
    }

    private static boolean looksLikeId(String id) {
        try {
            SoqlBuilder.recordId(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean isOwn(JsonNode r) {
        String ext = r.path("ExternalIdentifier").asText(null);
        return LOOP_GUARD_OBJECT.equals(r.path("attributes").path("type").asText("")) && ext != null && ext.startsWith(loopGuardPrefix);
    }

    private static Instant version(JsonNode r) {
        try {
            return SalesforceDateTimes.parse(r.path("SystemModstamp").asText(null));
        } catch (RuntimeException e) {
            return null; // the mapping decides what a record without a version means
        }
    }
}
