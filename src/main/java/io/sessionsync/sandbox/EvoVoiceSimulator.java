package io.sessionsync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.sessionsync.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for Evo Voice's session API, shaped like the real one ({@code GET /sessions} as
 * ListSessions with simplified paging and the archive split, {@code GET /sessions/{id}} with an empty
 * log and 404 for archived sessions, HTTP Basic auth, ServiceStack error bodies). Listens on
 * 127.0.0.1 on an ephemeral port. Test hooks inject failures and change sessions.
 */
public final class EvoVoiceSimulator implements AutoCloseable {
    private static final ObjectMapper JSON = Json.mapper();
    private static final int RECENT_QUERIES = 200;

    private final LoopbackServer server;
    private final EvoSessionCatalog catalog;
    private final String expectedAuth;
    private final AtomicLong requests = new AtomicLong();
    private final Deque<int[]> scriptedFailures = new ArrayDeque<>(); // {status, retryAfterSeconds or -1}
    private final Deque<String> recentQueries = new ArrayDeque<>();
    private final Random failureDice;
    private volatile double transientFailureRate;
    private final EvoSessionGenerator generator;
    private final Random churnDice = new Random(7); // seeded: the same sessions churn every run
    private final List<Change> changes = new ArrayList<>();
    private volatile int churnPerRequest;

    /** Starts serving the generator's sessions; requests must carry Basic {@code username:password}. */
    public EvoVoiceSimulator(EvoSessionGenerator generator, Clock clock, String username, String password) throws IOException {
        this.generator = generator;
        this.catalog = new EvoSessionCatalog(generator, clock);
        this.expectedAuth = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.failureDice = new Random(42); // seeded: a failure rate gives the same failures every run
        this.server = new LoopbackServer("evovoice-simulator", 0, this::handle);
    }

    public String baseUrl() {
        return server.url();
    }

    /** Requests received so far, failed and unauthorised ones included. */
    public long requestCount() {
        return requests.get();
    }

    /** The raw query strings of the latest requests, oldest first (for asserting what a client sent). */
    public synchronized List<String> receivedQueries() {
        return new ArrayList<>(recentQueries);
    }

    /** Bumps a session's dateLastModified past all others; false for an unknown id. */
    public boolean touch(String id) {
        return catalog.touch(id);
    }

    /** A session changed by churn: its id and the dateLastModified it got. */
    public record Change(String id, Instant version) {}

    /**
     * Churning mode, between runs: changes {@code n} sessions of the live period (created up to ~15
     * days ago), one from each of {@code n} equal slices of it so that every age is hit, not only the
     * newest. Returns the changes; {@link #changes()} keeps all of them.
     */
    public List<Change> churnLive(int n) {
        return churn(n, false);
    }

    /** Like {@link #churnLive} for archived sessions (created more than ~15 days ago). */
    public List<Change> churnArchived(int n) {
        return churn(n, true);
    }

    /**
     * Churning mode, during runs: every {@code GET /sessions} first changes {@code n} live sessions
     * (0 stops it), so that a run pages through a listing that moves under it.
     */
    public void setChurnPerRequest(int n) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, was " + n);
        this.churnPerRequest = n;
    }

    /** Every change churn made so far, oldest first. */
    public synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    private synchronized List<Change> churn(int n, boolean archived) {
        List<Change> out = new ArrayList<>();
        for (int idx : catalog.churn(n, archived, churnDice)) {
            out.add(new Change(generator.id(idx), catalog.currentLastModified(idx)));
        }
        changes.addAll(out);
        return out;
    }

    /** The next {@code n} requests answer {@code status}, with {@code Retry-After} when retryAfterSeconds >= 0. */
    public synchronized void failNext(int n, int status, int retryAfterSeconds) {
        for (int i = 0; i < n; i++) scriptedFailures.add(new int[] {status, retryAfterSeconds});
    }

    /** Share (0..1) of requests that answer 503 at random, from a seeded source. */
    public void setTransientFailureRate(double rate) {
        if (rate < 0 || rate > 1) throw new IllegalArgumentException("rate must be 0..1, was " + rate);
        this.transientFailureRate = rate;
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            requests.incrementAndGet();
            String rawQuery = ex.getRequestURI().getRawQuery();
            synchronized (this) {
                recentQueries.addLast(ex.getRequestURI().getPath() + "?" + (rawQuery == null ? "" : rawQuery));
                if (recentQueries.size() > RECENT_QUERIES) recentQueries.removeFirst();
            }
            int[] failure = nextFailure();
            if (failure != null) {
                if (failure[1] >= 0) ex.getResponseHeaders().add("Retry-After", Integer.toString(failure[1]));
                error(ex, failure[0], failure[0] == 429 ? "TooManyRequests" : "ServiceUnavailable", "Injected failure");
                return;
            }
            if (!expectedAuth.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"/auth/basic\"");
                error(ex, 401, "Unauthorized", "Invalid UserName or Password");
                return;
            }
            if (!"GET".equals(ex.getRequestMethod())) {
                error(ex, 405, "NotImplementedException", "Only GET is simulated");
                return;
            }
            String path = ex.getRequestURI().getPath();
            Map<String, String> q = params(rawQuery);
            if (path.equals("/sessions") || path.equals("/sessions/")) {
                if (churnPerRequest > 0) churn(churnPerRequest, false);
                listSessions(ex, q);
            } else if (path.startsWith("/sessions/") && path.indexOf('/', "/sessions/".length()) < 0) {
                Optional<ObjectNode> s = catalog.getLive(path.substring("/sessions/".length()));
                if (s.isPresent()) SimulatorHttp.writeJson(ex, 200, JSON.writeValueAsBytes(s.get()));
                else error(ex, 404, "NotFound", "Session not found");
            } else {
                error(ex, 404, "NotFound", "No route for " + path);
            }
        } catch (IllegalArgumentException bad) {
            error(ex, 400, "ArgumentException", bad.getMessage());
        } catch (RuntimeException e) {
            error(ex, 500, e.getClass().getSimpleName(), "Simulator fault: " + e.getMessage());
        } finally {
            ex.close();
        }
    }

    private void listSessions(HttpExchange ex, Map<String, String> q) throws IOException {
        String sortField = q.getOrDefault("sortfield", "dateCreated");
        if (!sortField.equalsIgnoreCase("dateCreated") && !sortField.equalsIgnoreCase("dateLastModified")) {
            throw new IllegalArgumentException("SortField '" + sortField + "' is not simulated (dateCreated, dateLastModified)");
        }
        String order = q.getOrDefault("sortorder", "Ascend");
        if (!order.equalsIgnoreCase("Ascend") && !order.equalsIgnoreCase("Descend")) {
            throw new IllegalArgumentException("SortOrder must be Ascend or Descend, was '" + order + "'");
        }
        int countPerPage = intParam(q, "countperpage", 25);
        if (countPerPage < 1) throw new IllegalArgumentException("CountPerPage must be positive, was " + countPerPage);
        var query = new EvoSessionCatalog.ListQuery(new LinkedHashSet<>(list(q.get("accountids"))),
                date(q, "startdate"), date(q, "enddate"), intParam(q, "page", 0), countPerPage, sortField,
                order.equalsIgnoreCase("Descend"), bool(q, "searcharchive"), list(q.get("specificids")));
        if (query.page() < 0) throw new IllegalArgumentException("Page must be >= 0, was " + query.page());
        EvoSessionCatalog.ListPage page = catalog.list(query);
        ObjectNode body = JSON.createObjectNode();
        body.putArray("items").addAll(page.items());
        if (!bool(q, "simplifiedpaging")) {
            long total = catalog.count(query);
            body.put("totalCount", total);
            body.put("totalPages", (total + countPerPage - 1) / countPerPage);
        }
        body.put("hasMorePages", page.hasMore());
        SimulatorHttp.writeJson(ex, 200, JSON.writeValueAsBytes(body));
    }

    private synchronized int[] nextFailure() {
        if (!scriptedFailures.isEmpty()) return scriptedFailures.removeFirst();
        if (transientFailureRate > 0 && failureDice.nextDouble() < transientFailureRate) return new int[] {503, -1};
        return null;
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode rs = body.putObject("responseStatus");
        rs.put("errorCode", code);
        rs.put("message", message);
        rs.putArray("errors");
        SimulatorHttp.writeJson(ex, status, JSON.writeValueAsBytes(body));
    }

    /** ServiceStack binds query names case-insensitively; keys are lower-cased here. */
    private static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new TreeMap<>();
        SimulatorHttp.form(rawQuery).forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    private static List<String> list(String v) {
        if (v == null || v.isBlank()) return List.of();
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static int intParam(Map<String, String> q, String name, int dflt) {
        String v = q.get(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + v + "'");
        }
    }

    private static boolean bool(Map<String, String> q, String name) {
        return Boolean.parseBoolean(q.getOrDefault(name, "false").trim());
    }

    private static LocalDate date(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isBlank()) return null;
        try {
            return LocalDate.parse(v.trim().length() > 10 ? v.trim().substring(0, 10) : v.trim());
        } catch (Exception e) {
            throw new IllegalArgumentException(name + " must be YYYY-MM-DD, was '" + v + "'");
        }
    }
}
