package io.sessionsync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.sessionsync.salesforce.SalesforceDateTimes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for a Salesforce org, login and data on one server (camel-salesforce takes the
 * data host from the login answer's {@code instance_url}, which is this server). Shapes follow the
 * REST API: OAuth token (password, client credentials, JWT bearer) and revoke, query / queryAll / queryMore with {@code nextRecordsUrl} paging
 * (and {@code SELECT COUNT()}), Bulk API 2.0 query jobs ({@link SimulatedBulkQuery}),
 * sObject Collections upsert with per-record results, limits, {@code Sforce-Limit-Info} on every
 * answer, and the error bodies Salesforce sends. Hooks let tests expire the session, exhaust the
 * API quota, touch and delete records, and read what was upserted.
 */
public final class SalesforceSimulator implements AutoCloseable {
    public static final String CLIENT_ID = "sandbox-client-id";
    public static final String CLIENT_SECRET = "sandbox-client-secret";
    public static final String USERNAME = "sync@sandbox.invalid";
    public static final String PASSWORD = "sandbox-password";

    private static final Pattern DATA = Pattern.compile("^/services/data/v(\\d+\\.\\d)/(.*?)/?$");
    private static final Pattern MORE = Pattern.compile("^(query|queryAll)/(01g[A-Za-z0-9]+)-(\\d+)$");
    private static final Pattern UPSERT = Pattern.compile("^composite/sobjects/([A-Za-z0-9_]+)/([A-Za-z0-9_]+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoopbackServer server;
    private final SimulatedSalesforceData data;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, Object>>> cursors = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> upserted = new ConcurrentHashMap<>();
    private final AtomicInteger apiUsed = new AtomicInteger();
    private final AtomicInteger tokenCounter = new AtomicInteger();
    private final AtomicInteger cursorCounter = new AtomicInteger();
    private volatile int apiMax = 15_000;
    private volatile int pageSize = 2000;
    private volatile boolean requestLimitExceeded;
    private volatile java.security.PublicKey jwtKey;
    private volatile double transientFailureRate;
    private volatile double rowLockRate;
    private final java.util.Random faults = new java.util.Random(42);
    private final SimulatedBulkQuery bulk = new SimulatedBulkQuery(this);

    /** Starts on 127.0.0.1, an ephemeral port, with {@code recordsPerObject} generated records per object. */
    public SalesforceSimulator(int recordsPerObject) throws IOException {
        data = new SimulatedSalesforceData(recordsPerObject);
        server = new LoopbackServer("salesforce-simulator", 0, this::handle);
    }

    /** Login URL and instance URL at once, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return server.url();
    }

    // ---- hooks for tests and the sandbox ----

    /** Records per query page (Salesforce's default is 2000). */
    public SalesforceSimulator pageSize(int size) { pageSize = size; return this; }

    /** Sets the daily API budget the {@code Sforce-Limit-Info} header reports. */
    public void apiUsage(int used, int max) { apiUsed.set(used); apiMax = max; }

    public int apiUsed() { return apiUsed.get(); }

    /** Trusts this key for JWT bearer logins (the certificate "uploaded to the connected app"). */
    public void trustJwtKey(java.security.PublicKey key) { jwtKey = key; }

    /** While on, every data call answers 403 REQUEST_LIMIT_EXCEEDED. */
    public void requestLimitExceeded(boolean on) { requestLimitExceeded = on; }

    /**
     * Share (0..1) of data calls answered 503 SERVER_UNAVAILABLE, for fault-injection runs. Nothing of
     * a failed call is applied, as when Salesforce is briefly unavailable.
     */
    public void setTransientFailureRate(double rate) { transientFailureRate = rate; }

    /**
     * Share (0..1) of upserted records answered UNABLE_TO_LOCK_ROW inside a 200 answer (Salesforce's
     * per-record lock contention); such a record is not applied.
     */
    public void setRowLockRate(double rate) { rowLockRate = rate; }

    /** The next Bulk API 2.0 query job ends in state Failed with this errorMessage. */
    public void failNextBulkJob(String errorMessage) { bulk.failNext(errorMessage); }

    /** Rows per Bulk API 2.0 results page when the request names no maxRecords. */
    public SalesforceSimulator bulkPageSize(int rows) { bulk.defaultMaxRecords(rows); return this; }

    /** Invalidates every issued access token: the next data call answers 401 INVALID_SESSION_ID. */
    public void expireSessions() { tokens.clear(); }

    /**
     * How often an endpoint was called: login, revoke, query, queryAll, queryMore, upsert, limits, 401, 403,
     * and the Bulk API 2.0 query endpoints bulkCreate, bulkJob (job status) and bulkResults.
     */
    public int calls(String endpoint) {
        AtomicInteger n = calls.get(endpoint);
        return n == null ? 0 : n.get();
    }

    /** Bumps SystemModstamp (and LastViewedDate-free fields stay) of the first {@code n} live records; returns their ids. */
    public synchronized List<String> touch(String object, int n) {
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> r : data.table(object)) {
            if (ids.size() == n) break;
            if (Boolean.TRUE.equals(r.get("IsDeleted"))) continue;
            r.put("SystemModstamp", data.tick());
            ids.add((String) r.get("Id"));
        }
        return ids;
    }

    /** Soft-deletes a record: gone from query, visible through queryAll with IsDeleted = true. */
    public synchronized void delete(String object, String id) {
        Map<String, Object> r = data.find(object, "Id", id);
        if (r == null) throw new IllegalArgumentException("no " + object + " " + id);
        r.put("IsDeleted", true);
        r.put("SystemModstamp", data.tick());
    }

    /** The id of the {@code n}th generated record (1-based) of an object. */
    public String idOf(String object, int n) { return SimulatedSalesforceData.id(object, n); }

    /** An upserted EngagementInteraction as it was sent, by ExternalIdentifier; null if none landed. */
    public Map<String, Object> upserted(String externalIdentifier) { return upserted.get(externalIdentifier); }

    public int upsertedCount() { return upserted.size(); }

    /** The number of records an object holds, deleted ones included. */
    public synchronized int recordCount(String object) { return data.table(object).size(); }

    @Override
    public void close() {
        server.close();
    }

    // ---- HTTP ----

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            if (path.equals("/services/oauth2/token") && method.equals("POST")) {
                login(ex);
                return;
            }
            if (path.equals("/services/oauth2/revoke")) {
                countCall("revoke");
                Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                String token = form.getOrDefault("token", query(ex).get("token"));
                if (token != null) tokens.remove(token);
                send(ex, 200, null);
                return;
            }
            Matcher m = DATA.matcher(path);
            if (!m.matches()) {
                send(ex, 404, List.of(error("NOT_FOUND", "The requested resource does not exist")));
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
                countCall("401");
                send(ex, 401, List.of(error("INVALID_SESSION_ID", "Session expired or invalid")));
                return;
            }
            if (requestLimitExceeded || apiUsed.get() >= apiMax) {
                countCall("403");
                send(ex, 403, List.of(error("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")));
                return;
            }
            apiUsed.incrementAndGet();
            if (injectFault()) {
                countCall("503");
                send(ex, 503, List.of(error("SERVER_UNAVAILABLE", "Injected failure: server unavailable, try again")));
                return;
            }
            route(ex, method, m.group(1), m.group(2));
        } catch (RuntimeException e) {
            send(ex, 500, List.of(error("UNKNOWN_EXCEPTION", "An unexpected error occurred: " + e)));
        }
    }

    private void route(HttpExchange ex, String method, String version, String rest) throws IOException {
        Matcher more = MORE.matcher(rest);
        Matcher upsert = UPSERT.matcher(rest);
        if (method.equals("GET") && (rest.equals("query") || rest.equals("queryAll"))) {
            countCall(rest);
            String q = query(ex).get("q");
            if (q == null) {
                send(ex, 400, List.of(error("MALFORMED_QUERY", "q parameter is required")));
                return;
            }
            runQuery(ex, version, q, rest.equals("queryAll"));
        } else if (method.equals("GET") && more.matches()) {
            countCall("queryMore");
            queryMore(ex, version, more.group(2), Integer.parseInt(more.group(3)));
        } else if (method.equals("PATCH") && upsert.matches()) {
            countCall("upsert");
            Map<?, ?> body = JSON.readValue(ex.getRequestBody(), Map.class);
            Object result;
            synchronized (this) {
                result = SimulatedUpsert.apply(data, upserted, upsert.group(1), upsert.group(2), body, this::rowLocked);
            }
            if (result instanceof SimulatedUpsert.Rejected r) send(ex, 400, List.of(error(r.code(), r.message())));
            else send(ex, 200, result);
        } else if (SimulatedBulkQuery.handles(rest)) {
            SimulatedBulkQuery.Reply reply = bulk.handle(method, version, rest, ex.getRequestBody().readAllBytes(), query(ex));
            if (reply.csv() == null) send(ex, reply.status(), reply.json());
            else sendCsv(ex, reply.csv(), reply.headers());
        } else if (method.equals("GET") && rest.equals("limits")) {
            countCall("limits");
            send(ex, 200, Map.of("DailyApiRequests", Map.of("Max", apiMax, "Remaining", apiMax - apiUsed.get())));
        } else {
            send(ex, 404, List.of(error("NOT_FOUND", "The requested resource does not exist")));
        }
    }

    private void login(HttpExchange ex) throws IOException {
        countCall("login");
        Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String grant = form.getOrDefault("grant_type", "");
        boolean clientOk = CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
        boolean ok = switch (grant) {
            case "password" -> clientOk && USERNAME.equals(form.get("username")) && PASSWORD.equals(form.get("password"));
            case "client_credentials" -> clientOk;
            case "urn:ietf:params:oauth:grant-type:jwt-bearer" ->
                    SimulatedJwtBearer.valid(form.get("assertion"), jwtKey, CLIENT_ID, USERNAME, url());
            default -> false;
        };
        if (!ok) {
            Map<String, Object> err = new LinkedHashMap<>();
            boolean known = grant.equals("password") || grant.equals("client_credentials") || grant.endsWith(":jwt-bearer");
            err.put("error", known ? "invalid_grant" : "unsupported_grant_type");
            err.put("error_description", known ? "authentication failure" : "grant type not supported");
            send(ex, 400, err);
            return;
        }
        String token = SimulatedSalesforceData.ORG_ID + "!SIM." + tokenCounter.incrementAndGet() + "." + Long.toHexString(System.nanoTime());
        tokens.add(token);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("instance_url", url());
        body.put("id", url() + "/id/" + SimulatedSalesforceData.ORG_ID + "/" + SimulatedSalesforceData.USER_ID);
        body.put("token_type", "Bearer");
        body.put("issued_at", String.valueOf(System.currentTimeMillis()));
        body.put("signature", Base64.getEncoder().encodeToString(("sig-" + token).getBytes(StandardCharsets.UTF_8)));
        send(ex, 200, body);
    }

    private void runQuery(HttpExchange ex, String version, String soql, boolean all) throws IOException {
        MiniSoql.Parsed q;
        try {
            q = checkedQuery(soql);
        } catch (MiniSoql.SoqlException e) {
            send(ex, 400, List.of(error(e.errorCode, e.getMessage())));
            return;
        }
        if (q.count()) {
            // SELECT COUNT(): Salesforce answers the number in totalSize, with no records
            int n;
            synchronized (this) {
                n = select(q, all).size();
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("totalSize", n);
            body.put("done", true);
            body.put("records", List.of());
            send(ex, 200, body);
            return;
        }
        List<Map<String, Object>> rows;
        synchronized (this) {
            rows = new ArrayList<>();
            for (Map<String, Object> r : select(q, all)) rows.add(render(version, q.object(), q.fields(), r));
        }
        String locator = "01g5g0000" + String.format("%07d", cursorCounter.incrementAndGet()) + "AAA";
        cursors.put(locator, rows);
        queryMore(ex, version, locator, 0);
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

    /** The rows a query matches, filtered, ordered and limited; callers hold the simulator's lock. */
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

    private void queryMore(HttpExchange ex, String version, String locator, int offset) throws IOException {
        List<Map<String, Object>> rows = cursors.get(locator);
        if (rows == null || offset > rows.size()) {
            send(ex, 400, List.of(error("INVALID_QUERY_LOCATOR", "invalid query locator")));
            return;
        }
        int end = Math.min(rows.size(), offset + pageSize);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("totalSize", rows.size());
        body.put("done", end == rows.size());
        if (end < rows.size()) body.put("nextRecordsUrl", "/services/data/v" + version + "/query/" + locator + "-" + end);
        else cursors.remove(locator);
        body.put("records", rows.subList(offset, end));
        send(ex, 200, body);
    }

    private static Map<String, Object> render(String version, String object, List<String> fields, Map<String, Object> r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attributes", Map.of("type", object, "url", "/services/data/v" + version + "/sobjects/" + object + "/" + r.get("Id")));
        for (String f : fields) {
            Object v = r.get(f);
            out.put(f, v instanceof Instant i ? SalesforceDateTimes.format(i) : v);
        }
        return out;
    }

    static Map<String, Object> error(String code, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        e.put("errorCode", code);
        return e;
    }

    private boolean rowLocked() {
        double rate = rowLockRate;
        if (rate <= 0) return false;
        synchronized (faults) {
            return faults.nextDouble() < rate;
        }
    }

    private boolean injectFault() {
        double rate = transientFailureRate;
        if (rate <= 0) return false;
        synchronized (faults) {
            return faults.nextDouble() < rate;
        }
    }

    void countCall(String endpoint) {
        calls.computeIfAbsent(endpoint, k -> new AtomicInteger()).incrementAndGet();
    }

    private void sendCsv(HttpExchange ex, String csv, Map<String, String> headers) throws IOException {
        ex.getResponseHeaders().set("Sforce-Limit-Info", "api-usage=" + apiUsed.get() + "/" + apiMax);
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.getResponseHeaders().set("Content-Type", "text/csv;charset=UTF-8");
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void send(HttpExchange ex, int status, Object body) throws IOException {
        ex.getResponseHeaders().set("Sforce-Limit-Info", "api-usage=" + apiUsed.get() + "/" + apiMax);
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        if (bytes.length > 0) ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> query(HttpExchange ex) {
        String raw = ex.getRequestURI().getRawQuery();
        return raw == null ? Map.of() : form(raw);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
