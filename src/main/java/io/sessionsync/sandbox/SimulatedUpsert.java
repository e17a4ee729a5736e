package io.sessionsync.sandbox;

import io.sessionsync.salesforce.SalesforceDateTimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * sObject Collections upsert ({@code PATCH /composite/sobjects/{Object}/{ExternalIdField}}) against
 * the simulated data: at most 200 records, one result per record in request order, and a 200 answer
 * even when some records failed.
 */
final class SimulatedUpsert {
    static final int MAX_RECORDS = 200;
    private static final Set<String> DATETIME_FIELDS = Set.of("StartDateTime", "EndDateTime", "AttendeeVerificationTime");
    private static final List<String> REQUIRED_ON_CREATE = List.of("StartDateTime", "CommunicationChannel");

    /** The whole call was refused (Salesforce answers 400 with an error list). */
    record Rejected(String code, String message) {}

    private SimulatedUpsert() {}

    static Object apply(SimulatedSalesforceData data, Map<String, Map<String, Object>> upserted,
                        String object, String externalIdField, Map<?, ?> body) {
        return apply(data, upserted, object, externalIdField, body, () -> false);
    }

    /** As above; a record for which {@code rowLocked} answers true fails with UNABLE_TO_LOCK_ROW and is not applied. */
    static Object apply(SimulatedSalesforceData data, Map<String, Map<String, Object>> upserted,
                        String object, String externalIdField, Map<?, ?> body, BooleanSupplier rowLocked) {
        if (!"EngagementInteraction".equals(object)) {
            return new Rejected("INVALID_TYPE", "sObject type '" + object + "' is not supported for upsert here.");
        }
        if (!SimulatedSalesforceData.hasField(object, externalIdField)) {
            return new Rejected("INVALID_FIELD", "Field name provided, " + externalIdField + " is not an External ID or indexed field for " + object);
        }
        if (!(body.get("records") instanceof List<?> records)) {
            return new Rejected("JSON_PARSER_ERROR", "records is required");
        }
        if (records.size() > MAX_RECORDS) {
            return new Rejected("EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records in this operation");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Object o : records) {
            results.add(rowLocked.getAsBoolean()
                    ? failure("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records", List.of())
                    : one(data, upserted, object, externalIdField, (Map<?, ?>) o));
        }
        return results;
    }

    private static Map<String, Object> one(SimulatedSalesforceData data, Map<String, Map<String, Object>> upserted,
                                           String object, String extField, Map<?, ?> record) {
        if (!(record.get("attributes") instanceof Map<?, ?> attrs) || !object.equals(attrs.get("type"))) {
            return failure("INVALID_TYPE", "Must send a concrete entity type.", List.of());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : record.entrySet()) {
            String field = String.valueOf(e.getKey());
            if (field.equals("attributes")) continue;
            if (!SimulatedSalesforceData.FIELDS.get(object).contains(field)) {
                return failure("INVALID_FIELD", "No such column '" + field + "' on sobject of type " + object, List.of(field));
            }
            Object v = e.getValue();
            if (v != null && DATETIME_FIELDS.contains(field)) {
                try {
                    v = SalesforceDateTimes.parse(String.valueOf(v));
                } catch (RuntimeException ex) {
                    return failure("INVALID_TYPE_ON_FIELD_IN_RECORD", field + ": value not of required type: " + v, List.of(field));
                }
            }
            values.put(field, v);
        }
        Object key = values.get(extField);
        if (key == null || String.valueOf(key).isBlank()) {
            return failure("MISSING_ARGUMENT", extField + " not specified", List.of(extField));
        }
        Map<String, Object> existing = data.find(object, extField, key);
        if (existing == null) {
            List<String> missing = REQUIRED_ON_CREATE.stream().filter(f -> values.get(f) == null).toList();
            if (!missing.isEmpty()) {
                return failure("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing);
            }
        }
        Instant now = data.tick();
        Map<String, Object> stored;
        boolean created = existing == null;
        if (created) {
            stored = data.insert(object, values, now);
        } else {
            Map<String, Object> changes = new LinkedHashMap<>(values);
            changes.put("SystemModstamp", now);
            data.set(object, existing, changes);
            stored = existing;
        }
        data.changed(object, stored, created ? "CREATE" : "UPDATE", List.copyOf(values.keySet()));
        Map<String, Object> sent = new LinkedHashMap<>();
        record.forEach((k, v) -> sent.put(String.valueOf(k), v));
        upserted.put(String.valueOf(key), sent);
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("id", stored.get("Id"));
        ok.put("success", true);
        ok.put("created", created);
        ok.put("errors", List.of());
        return ok;
    }

    private static Map<String, Object> failure(String code, String message, List<String> fields) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("statusCode", code);
        err.put("message", message);
        err.put("fields", fields);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("success", false);
        r.put("errors", List.of(err));
        return r;
    }
}
