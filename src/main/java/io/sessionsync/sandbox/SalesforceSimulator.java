package io.sessionsync.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
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
 *
 * <p>This class checks what every data call must pass (session, quota, injected faults) and routes it;
 * {@link SimulatedOAuth}, {@link SimulatedQueries}, {@link SimulatedCollectionsUpsert} and
 * {@link SimulatedBulkQuery} answer it. The simulator itself is the lock over the records.
 */
public final class SalesforceSimulator implements AutoCloseable {
    public static final String CLIENT_ID = "sandbox-client-id";
    public static final String CLIENT_SECRET = "sandbox-client-secret";
    public static final String USERNAME = "sync@sandbox.invalid";
    public static final String PASSWORD = "sandbox-password";

    private static final Pattern DATA = Pattern.compile("^/services/data/v(\\d+\\.\\d)/(.*?)/?$");
    private static final Pattern MORE = Pattern.compile("^(query|queryAll)/(01g[A-Za-z0-9]+)-(\\d+)$");
    private static final Pattern UPSERT = Pattern.compile("^composite/sobjects/([A-Za-z0-9_]+)/([A-Za-z0-9_]+)$");

    private final LoopbackServer server;
    private final SimulatedSalesforceData data;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final SimulatedApiUsage usage = new SimulatedApiUsage();
    private final SimulatedFaults faults = new SimulatedFaults();
    private final SimulatorHttp http = new SimulatorHttp(usage);
    private final SimulatedOAuth oauth = new SimulatedOAuth(http, this::url);
    private final SimulatedQueries queries;
    private final SimulatedCollectionsUpsert upserts;
    private volatile boolean requestLimitExceeded;
    private final SimulatedBulkQuery bulk = new SimulatedBulkQuery(this);

    /** Starts on 127.0.0.1, an ephemeral port, with {@code recordsPerObject} generated records per object. */
    public SalesforceSimulator(int recordsPerObject) throws IOException {
        data = new SimulatedSalesforceData(recordsPerObject);
        queries = new SimulatedQueries(this, data, http);
        upserts = new SimulatedCollectionsUpsert(this, data, faults, http);
        server = new LoopbackServer("salesforce-simulator", 0, this::handle);
    }

    /** Login URL and instance URL at once, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return server.url();
    }

    // ---- hooks for tests and the sandbox ----

    /** Records per query page (Salesforce's default is 2000). */
    public SalesforceSimulator pageSize(int size) { queries.pageSize(size); return this; }

    /** Sets the daily API budget the {@code Sforce-Limit-Info} header reports. */
    public void apiUsage(int used, int max) { usage.set(used, max); }

    public int apiUsed() { return usage.used(); }

    /** Trusts this key for JWT bearer logins (the certificate "uploaded to the connected app"). */
    public void trustJwtKey(PublicKey key) { oauth.trustJwtKey(key); }

    /** While on, every data call answers 403 REQUEST_LIMIT_EXCEEDED. */
    public void requestLimitExceeded(boolean on) { requestLimitExceeded = on; }

    /**
     * Share (0..1) of data calls answered 503 SERVER_UNAVAILABLE, for fault-injection runs. Nothing of
     * a failed call is applied, as when Salesforce is briefly unavailable.
     */
    public void setTransientFailureRate(double rate) { faults.transientFailureRate(rate); }

    /**
     * Share (0..1) of upserted records answered UNABLE_TO_LOCK_ROW inside a 200 answer (Salesforce's
     * per-record lock contention); such a record is not applied.
     */
    public void setRowLockRate(double rate) { faults.rowLockRate(rate); }

    /**
     * Runs {@code hook} after each upsert call was applied and before its answer goes out: a test's way
     * to make something happen (a database outage) exactly between a target write and its recording.
     */
    public void afterUpsertApplied(Runnable hook) { upserts.afterApplied(hook); }

    /** The next Bulk API 2.0 query job ends in state Failed with this errorMessage. */
    public void failNextBulkJob(String errorMessage) { bulk.failNext(errorMessage); }

    /** Rows per Bulk API 2.0 results page when the request names no maxRecords. */
    public SalesforceSimulator bulkPageSize(int rows) { bulk.defaultMaxRecords(rows); return this; }

    /** Invalidates every issued access token: the next data call answers 401 INVALID_SESSION_ID. */
    public void expireSessions() { oauth.expireSessions(); }

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
            data.set(object, r, Map.of("SystemModstamp", data.tick()));
            data.changed(object, r, "UPDATE", List.of("SystemModstamp"));
            ids.add((String) r.get("Id"));
        }
        return ids;
    }

    /** Soft-deletes a record: gone from query, visible through queryAll with IsDeleted = true. */
    public synchronized void delete(String object, String id) {
        Map<String, Object> r = data.find(object, "Id", id);
        if (r == null) throw new IllegalArgumentException("no " + object + " " + id);
        data.set(object, r, Map.of("IsDeleted", true, "SystemModstamp", data.tick()));
        data.changed(object, r, "DELETE", List.of());
    }

    /** Changes one record (a new SystemModstamp and {@code field} set to {@code value}), as a user's edit would. */
    public synchronized void update(String object, String id, String field, Object value) {
        Map<String, Object> r = data.find(object, "Id", id);
        if (r == null) throw new IllegalArgumentException("no " + object + " " + id);
        if (!SimulatedSalesforceData.hasField(object, field)) throw new IllegalArgumentException("no field " + object + "." + field);
        Map<String, Object> values = new HashMap<>();
        values.put(field, value);
        values.put("SystemModstamp", data.tick());
        data.set(object, r, values);
        data.changed(object, r, "UPDATE", List.of(field, "SystemModstamp"));
    }

    /** Removes a record for good (past the recycle bin): queryAll no longer returns it. */
    public synchronized void purge(String object, String id) {
        Map<String, Object> r = data.find(object, "Id", id);
        if (r == null) throw new IllegalArgumentException("no " + object + " " + id);
        data.remove(object, r);
        data.changed(object, r, "DELETE", List.of());
    }

    /** Tells {@code listener} of every record change (the Pub/Sub simulator publishes them as change events). */
    public void onChange(Consumer<SimulatedChange> listener) { data.onChange(listener); }

    /** Whether {@code token} is an access token this simulator issued and has not revoked. */
    public boolean tokenValid(String token) { return oauth.authorized("Bearer " + token); }

    /** The id of the {@code n}th generated record (1-based) of an object. */
    public String idOf(String object, int n) { return SimulatedSalesforceData.id(object, n); }

    /** An upserted EngagementInteraction as it was sent, by ExternalIdentifier; null if none landed. */
    public Map<String, Object> upserted(String externalIdentifier) { return upserts.upserted(externalIdentifier); }

    public int upsertedCount() { return upserts.upsertedCount(); }

    /** The number of records an object holds, deleted ones included. */
    public synchronized int recordCount(String object) { return data.table(object).size(); }

    @Override
    public void close() {
        server.close();
    }

    /** The rows a query matches, filtered, ordered and limited; callers hold the simulator's lock. */
    List<Map<String, Object>> select(MiniSoql.Parsed q, boolean all) {
        return queries.select(q, all);
    }

    void countCall(String endpoint) {
        calls.computeIfAbsent(endpoint, k -> new AtomicInteger()).incrementAndGet();
    }

    // ---- HTTP ----

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            if (path.equals("/services/oauth2/token") && method.equals("POST")) {
                countCall("login");
                oauth.login(ex);
                return;
            }
            if (path.equals("/services/oauth2/revoke")) {
                countCall("revoke");
                oauth.revoke(ex);
                return;
            }
            Matcher m = DATA.matcher(path);
            if (!m.matches()) {
                http.send(ex, 404, List.of(SimulatorHttp.error("NOT_FOUND", "The requested resource does not exist")));
                return;
            }
            if (!oauth.authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
                countCall("401");
                http.send(ex, 401, List.of(SimulatorHttp.error("INVALID_SESSION_ID", "Session expired or invalid")));
                return;
            }
            if (requestLimitExceeded || usage.exhausted()) {
                countCall("403");
                http.send(ex, 403, List.of(SimulatorHttp.error("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")));
                return;
            }
            usage.use();
            if (faults.transientFailure()) {
                countCall("503");
                http.send(ex, 503, List.of(SimulatorHttp.error("SERVER_UNAVAILABLE", "Injected failure: server unavailable, try again")));
                return;
            }
            route(ex, method, m.group(1), m.group(2));
        } catch (RuntimeException e) {
            http.send(ex, 500, List.of(SimulatorHttp.error("UNKNOWN_EXCEPTION", "An unexpected error occurred: " + e)));
        }
    }

    private void route(HttpExchange ex, String method, String version, String rest) throws IOException {
        Matcher more = MORE.matcher(rest);
        Matcher upsert = UPSERT.matcher(rest);
        if (method.equals("GET") && (rest.equals("query") || rest.equals("queryAll"))) {
            countCall(rest);
            String q = SimulatorHttp.query(ex).get("q");
            if (q == null) {
                http.send(ex, 400, List.of(SimulatorHttp.error("MALFORMED_QUERY", "q parameter is required")));
                return;
            }
            queries.query(ex, version, q, rest.equals("queryAll"));
        } else if (method.equals("GET") && more.matches()) {
            countCall("queryMore");
            queries.queryMore(ex, version, more.group(2), Integer.parseInt(more.group(3)));
        } else if (method.equals("PATCH") && upsert.matches()) {
            countCall("upsert");
            upserts.upsert(ex, upsert.group(1), upsert.group(2));
        } else if (SimulatedBulkQuery.handles(rest)) {
            SimulatedBulkQuery.Reply reply = bulk.handle(method, version, rest, ex.getRequestBody().readAllBytes(), SimulatorHttp.query(ex));
            if (reply.csv() == null) http.send(ex, reply.status(), reply.json());
            else http.sendCsv(ex, reply.csv(), reply.headers());
        } else if (method.equals("GET") && rest.equals("limits")) {
            countCall("limits");
            http.send(ex, 200, usage.limits());
        } else {
            http.send(ex, 404, List.of(SimulatorHttp.error("NOT_FOUND", "The requested resource does not exist")));
        }
    }
}
