package io.sessionsync.sandbox;

import com.sun.net.httpserver.HttpExchange;
import io.sessionsync.salesforce.SalesforceDateTimes;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The REST {@code query}, {@code queryAll} and {@code queryMore} endpoints. A query's rows are rendered
 * once, when it runs, and kept under a query locator: later queryMore pages show the records as they were
 * then, as Salesforce's server-side cursor does, however the records change in between.
 */
final class SimulatedQueries {
    private final Object lock;
    private final SimulatedSalesforceData data;
    private final SimulatorHttp http;
    private final Map<String, List<Map<String, Object>>> cursors = new ConcurrentHashMap<>();
    private final AtomicInteger cursorCounter = new AtomicInteger();
    private volatile int pageSize = 2000;

    /** @param lock the lock every reader and writer of {@code data} holds */
    SimulatedQueries(Object lock, SimulatedSalesforceData data, SimulatorHttp http) {
        this.lock = lock;
        this.data = data;
        this.http = http;
    }

    void pageSize(int size) { pageSize = size; }

    void query(HttpExchange ex, String version, String soql, boolean all) throws IOException {
        MiniSoql.Parsed q;
        try {
            q = checkedQuery(soql);
        } catch (MiniSoql.SoqlException e) {
            http.send(ex, 400, List.of(SimulatorHttp.error(e.errorCode, e.getMessage())));
            return;
        }
        if (q.count()) {
            // SELECT COUNT(): Salesforce answers the number in totalSize, with no records
            int n;
            synchronized (lock) {
                n = select(q, all).size();
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("totalSize", n);
            body.put("done", true);
            body.put("records", List.of());
            http.send(ex, 200, body);
            return;
        }
        List<Map<String, Object>> rows;
        synchronized (lock) {
            rows = new ArrayList<>();
            for (Map<String, Object> r : select(q, all)) rows.add(render(version, q.object(), q.fields(), r));
        }
        String locator = "01g5g0000" + String.format("%07d", cursorCounter.incrementAndGet()) + "AAA";
        cursors.put(locator, rows);
        queryMore(ex, version, locator, 0);
    }

    void queryMore(HttpExchange ex, String version, String locator, int offset) throws IOException {
        List<Map<String, Object>> rows = cursors.get(locator);
        if (rows == null || offset > rows.size()) {
            http.send(ex, 400, List.of(SimulatorHttp.error("INVALID_QUERY_LOCATOR", "invalid query locator")));
            return;
        }
        int end = Math.min(rows.size(), offset + pageSize);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("totalSize", rows.size());
        body.put("done", end == rows.size());
        if (end < rows.size()) body.put("nextRecordsUrl", "/services/data/v" + version + "/query/" + locator + "-" + end);
        else cursors.remove(locator);
        body.put("records", rows.subList(offset, end));
        http.send(ex, 200, body);
    }

    /** Parses a query and checks its object and fields as Salesforce would; throws with Salesforce's error code. */
    static MiniSoql.Parsed checkedQuery(String soql) {
        MiniSoql.Parsed q = MiniSoql.parse(soql);
        if (!SimulatedSalesforceData.KEY_PREFIX.containsKey(q.object())) {
            throw new MiniSoql.SoqlException("INVALID_TYPE", "sObject type '" + q.object() + "' is not supported.");
        }
        for (String f : q.fields()) {
            if (!SimulatedSalesforceData.hasField(q.object(), f)) {
                throw new MiniSoql.SoqlException("INVALID_FIELD", "No such column '" + f + "' on entity '" + q.object()
                        + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.");
            }
        }
        return q;
    }

    /** The rows a query matches, filtered, ordered and limited; callers hold the lock. */
    List<Map<String, Object>> select(MiniSoql.Parsed q, boolean all) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : data.table(q.object())) {
            if (!all && Boolean.TRUE.equals(r.get("IsDeleted"))) continue;
            if (q.where().test(r)) rows.add(r);
        }
        if (q.order() != null) rows.sort(q.order());
        if (q.limit() != null && rows.size() > q.limit()) rows = rows.subList(0, q.limit());
        return rows;
    }

    private static Map<String, Object> render(String version, String object, List<String> fields, Map<String, Object> r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attributes", Map.of("type", object, "url", "/services/data/v" + version + "/sobjects/" + object + "/" + r.get("Id")));
        for (String f : fields) {
            Object v = r.get(f);
            int dot = f.indexOf('.');
            if (dot > 0) {
                // Relationship fields nest as the REST API nests them: "Contact": {"attributes": ..., "Phone": ...}.
                String rel = f.substring(0, dot);
                Object related = r.get(rel + ".Id");
                if (related == null) {
                    out.put(rel, null);
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) out.computeIfAbsent(rel, k -> {
                    String type = SimulatedSalesforceData.relatedType(object, rel);
                    Map<String, Object> n = new LinkedHashMap<>();
                    n.put("attributes", Map.of("type", type, "url", "/services/data/v" + version + "/sobjects/" + type + "/" + related));
                    return n;
                });
                nested.put(f.substring(dot + 1), v);
                continue;
            }
            out.put(f, v instanceof Instant i ? SalesforceDateTimes.format(i) : v);
        }
        return out;
    }
}
