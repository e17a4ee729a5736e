package io.sessionsync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.sessionsync.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sObject Collections upsert endpoint ({@code PATCH composite/sobjects/<object>/<externalIdField>}),
 * applied by {@link SimulatedUpsert}, remembering each upserted record as it was sent so tests can check
 * what session-sync wrote.
 */
final class SimulatedCollectionsUpsert {
    private static final ObjectMapper JSON = Json.mapper();

    private final Object lock;
    private final SimulatedSalesforceData data;
    private final SimulatedFaults faults;
    private final SimulatorHttp http;
    private final Map<String, Map<String, Object>> upserted = new ConcurrentHashMap<>();
    private volatile Runnable afterApplied = () -> {};

    /** @param lock the lock every reader and writer of {@code data} holds */
    SimulatedCollectionsUpsert(Object lock, SimulatedSalesforceData data, SimulatedFaults faults, SimulatorHttp http) {
        this.lock = lock;
        this.data = data;
        this.faults = faults;
        this.http = http;
    }

    Map<String, Object> upserted(String externalIdentifier) { return upserted.get(externalIdentifier); }

    int upsertedCount() { return upserted.size(); }

    void afterApplied(Runnable hook) { afterApplied = hook == null ? () -> {} : hook; }

    void upsert(HttpExchange ex, String object, String externalIdField) throws IOException {
        Map<?, ?> body = JSON.readValue(ex.getRequestBody(), Map.class);
        Object result;
        synchronized (lock) {
            result = SimulatedUpsert.apply(data, upserted, object, externalIdField, body, faults::rowLocked);
        }
        afterApplied.run();
        if (result instanceof SimulatedUpsert.Rejected r) http.send(ex, 400, List.of(SimulatorHttp.error(r.code(), r.message())));
        else http.send(ex, 200, result);
    }
}
