package io.sessionsync.sandbox;

import java.util.function.IntFunction;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.sessionsync.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Twilio Proxy v1 API for tests and the sandbox mode: list and fetch Sessions, and list a Session's Participants, in Twilio's
 * exact shapes, HTTP Basic checked against one credential pair, Twilio's error JSON for 400/401/404/
 * 429/5xx. Data comes from a {@link ProxySessionGenerator}. Listens on 127.0.0.1 only.
 */
public final class TwilioProxySimulator implements AutoCloseable {
    private static final ObjectMapper JSON = Json.mapper();
    private static final Pattern LIST = Pattern.compile("^/v1/Services/(KS[0-9a-fA-F]{32})/Sessions/?$");
    private static final Pattern ONE = Pattern.compile("^/v1/Services/(KS[0-9a-fA-F]{32})/Sessions/([^/]+)$");
    private static final Pattern PARTICIPANTS = Pattern.compile("^/v1/Services/(KS[0-9a-fA-F]{32})/Sessions/([^/]+)/Participants/?$");
    private static final int DEFAULT_PAGE_SIZE = 50;

    private final ProxySessionGenerator data;
    private final byte[] expectedAuthorization;
    private final LoopbackServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger participantRequests = new AtomicInteger();
    private final Object faultLock = new Object();
    private int failNextCount;
    private int failNextStatus;
    private Integer failNextRetryAfter;
    private double transientFailureRate;
    private final Random faults = new Random(42);
    private volatile String advertisedBaseUrl;
    private volatile Prerendered prerendered;

    /** Starts on 127.0.0.1; {@code port} 0 picks a free one. */
    public TwilioProxySimulator(ProxySessionGenerator data, String username, String password, int port)
            throws IOException {
        this.data = data;
        this.expectedAuthorization = ("Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
        this.server = new LoopbackServer("twilio-proxy-simulator", port, this::handle);
    }

    public String baseUrl() {
        return server.url();
    }

    public ProxySessionGenerator data() { return data; }

    /**
     * The base the answers' URLs (url, links, meta.*_url) use; by default this server's own. Set it to
     * {@code https://proxy.twilio.com} to check a client keeps calling its configured host, as it must
     * behind a sandbox or egress proxy.
     */
    public void advertiseBaseUrl(String base) { this.advertisedBaseUrl = base; }

    private String urlBase() {
        String a = advertisedBaseUrl;
        return a == null ? baseUrl() : a;
    }

    /** Requests received, answered or not (auth failures and injected faults count too). */
    public int requestCount() { return requests.get(); }

    /** How many Participants list calls were answered (any page, any session). */
    public int participantRequestCount() { return participantRequests.get(); }

    public void resetRequestCount() { requests.set(0); }

    /** Bumps a session's date_updated and moves its status on, as an interaction would. */
    public void touch(String sid) { data.touch(sid); }

    /** The next {@code n} requests fail with {@code status} (and Retry-After seconds, when given). */
    public void failNext(int n, int status, Integer retryAfterSeconds) {
        synchronized (faultLock) {
            failNextCount = n;
            failNextStatus = status;
            failNextRetryAfter = retryAfterSeconds;
        }
    }

    /** Share (0..1) of requests answered with a random 503, for fault-injection runs. */
    public void setTransientFailureRate(double rate) {
        synchronized (faultLock) {
            transientFailureRate = rate;
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            requests.incrementAndGet();
            if (injectFault(ex)) return;
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !MessageDigest.isEqual(expectedAuthorization, auth.getBytes(StandardCharsets.UTF_8))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Twilio API\"");
                error(ex, 401, 20003, "Authenticate");
                return;
            }
            if (!"GET".equals(ex.getRequestMethod())) {
                error(ex, 405, 20004, "Method not allowed");
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            Matcher list = LIST.matcher(path);
            Matcher one = ONE.matcher(path);
            Matcher participants = PARTICIPANTS.matcher(path);
            if (list.matches()) {
                list(ex, list.group(1));
            } else if (participants.matches()) {
                participants(ex, participants.group(1), participants.group(2));
            } else if (one.matches()) {
                fetch(ex, one.group(1), one.group(2));
            } else {
                error(ex, 404, 20404, "The requested resource " + path + " was not found");
            }
        }
    }

    private boolean injectFault(HttpExchange ex) throws IOException {
        int status;
        Integer retryAfter;
        synchronized (faultLock) {
            if (failNextCount > 0) {
                failNextCount--;
                status = failNextStatus;
                retryAfter = failNextRetryAfter;
            } else if (transientFailureRate > 0 && faults.nextDouble() < transientFailureRate) {
                status = 503;
                retryAfter = null;
            } else {
                return false;
            }
        }
        if (retryAfter != null) ex.getResponseHeaders().add("Retry-After", String.valueOf(retryAfter));
        int code = status == 429 ? 20429 : status == 401 ? 20003 : status == 404 ? 20404 : status >= 500 ? 20500 : 20001;
        error(ex, status, code, status == 429 ? "Too Many Requests" : "Injected failure");
        return true;
    }

    private void list(HttpExchange ex, String service) throws IOException {
        if (!data.serviceSids().contains(service)) {
            error(ex, 404, 20404, "The requested resource /Services/" + service + "/Sessions was not found");
            return;
        }
        page(ex, "/v1/Services/" + service + "/Sessions", "sessions", data.countFor(service), sessionsOf(service), service);
    }

    /** The {@code k}-th session of a service's list. */
    private IntFunction<com.fasterxml.jackson.databind.JsonNode> sessionsOf(String service) {
        return k -> data.session(data.indexOf(service, k), urlBase());
    }

    /** A session's Participants, paged exactly like the session list (Twilio's ListParticipantResponse). */
    private void participants(HttpExchange ex, String service, String sid) throws IOException {
        participantRequests.incrementAndGet();
        Integer index = data.find(sid).filter(i -> data.serviceOf(i).equals(service)).orElse(null);
        if (index == null) {
            error(ex, 404, 20404, "The requested resource /Services/" + service + "/Sessions/" + sid + "/Participants was not found");
            return;
        }
        com.fasterxml.jackson.databind.node.ArrayNode all = data.participants(index, urlBase());
        page(ex, "/v1/Services/" + service + "/Sessions/" + sid + "/Participants", "participants", all.size(), all::get, null);
    }

    /**
     * One page of a Twilio list: {@code PageSize} (1-1000), {@code Page}, {@code PageToken}, and {@code meta};
     * {@code sessionsOf} names the service of a session list (whose pages may be rendered ahead), else null.
     */
    private void page(HttpExchange ex, String path, String key, int total,
                      IntFunction<com.fasterxml.jackson.databind.JsonNode> item, String sessionsOf) throws IOException {
        Map<String, String> q = SimulatorHttp.form(ex.getRequestURI().getRawQuery());
        int pageSize;
        int page;
        int offset;
        try {
            pageSize = q.containsKey("PageSize") ? Integer.parseInt(q.get("PageSize")) : DEFAULT_PAGE_SIZE;
            page = q.containsKey("Page") ? Integer.parseInt(q.get("Page")) : 0;
        } catch (NumberFormatException e) {
            error(ex, 400, 20001, "Invalid PageSize or Page");
            return;
        }
        if (pageSize < 1 || pageSize > 1000) {
            error(ex, 400, 20001, "Invalid PageSize: must be between 1 and 1000");
            return;
        }
        if (page < 0) {
            error(ex, 400, 20001, "Invalid Page");
            return;
        }
        offset = page * pageSize;
        if (q.containsKey("PageToken")) {
            // Our tokens are "PA" + the offset in hex: opaque to clients, as Twilio's are.
            String token = q.get("PageToken");
            try {
                offset = Integer.parseInt(token.substring(2), 16);
            } catch (RuntimeException e) {
                error(ex, 400, 20001, "Invalid PageToken");
                return;
            }
        }
        String listUrl = urlBase() + path;
        int end = Math.min(total, offset + pageSize);
        byte[] items = sessionsOf == null ? null : prerendered(sessionsOf, pageSize, offset);
        if (items == null) items = render(offset, end, item);
        ByteArrayOutputStream out = new ByteArrayOutputStream(items.length + 1024);
        out.write(("{\"" + key + "\":[").getBytes(StandardCharsets.UTF_8));
        out.write(items);
        out.write("],\"meta\":".getBytes(StandardCharsets.UTF_8));
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("first_page_url", listUrl + "?PageSize=" + pageSize + "&Page=0");
            g.writeStringField("key", key);
            int next = offset + pageSize;
            g.writeStringField("next_page_url", next < total
                    ? listUrl + "?PageSize=" + pageSize + "&Page=" + (page + 1) + "&PageToken=PA" + Integer.toHexString(next)
                    : null);
            g.writeNumberField("page", page);
            g.writeNumberField("page_size", pageSize);
            g.writeStringField("previous_page_url", page > 0
                    ? listUrl + "?PageSize=" + pageSize + "&Page=" + (page - 1) + "&PageToken=PB" + Integer.toHexString(Math.max(0, offset - pageSize))
                    : null);
            g.writeStringField("url", listUrl + "?PageSize=" + pageSize + "&Page=" + page
                    + (q.containsKey("PageToken") ? "&PageToken=" + q.get("PageToken") : ""));
            g.writeEndObject();
        }
        out.write('}');
        SimulatorHttp.writeJson(ex, 200, out.toByteArray());
    }

    /** Items {@code from} (inclusive) to {@code to} of a list, as JSON separated by commas. */
    private static byte[] render(int from, int to, IntFunction<com.fasterxml.jackson.databind.JsonNode> item) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(0, to - from) * 1024);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.setRootValueSeparator(new SerializedString(","));
            for (int k = from; k < to; k++) JSON.writeTree(g, item.apply(k));
        }
        return out.toByteArray();
    }

    /**
     * Renders every page of every service's session list, at {@code pageSize} sessions a page, and from then
     * on answers those pages from memory while no session is touched: for a benchmark, so that serving a
     * page costs the simulator a write of bytes, not the generation of a thousand sessions, and the
     * simulator takes as little as it can of the CPU the measured pipeline runs on. Costs about 900 bytes of
     * heap a session.
     */
    public void prerender(int pageSize) throws IOException {
        if (pageSize < 1 || pageSize > 1000) throw new IllegalArgumentException("pageSize must be 1..1000, was " + pageSize);
        int touches = data.touchCount();
        Map<String, byte[]> pages = new HashMap<>();
        for (String service : data.serviceSids()) {
            int total = data.countFor(service);
            for (int offset = 0; offset < total; offset += pageSize) {
                pages.put(service + "@" + offset, render(offset, Math.min(total, offset + pageSize), sessionsOf(service)));
            }
        }
        prerendered = new Prerendered(urlBase(), pageSize, touches, pages);
    }

    private record Prerendered(String urlBase, int pageSize, int touches, Map<String, byte[]> pages) {}

    /** A page's items rendered ahead, if they were, for this page size and base URL, and nothing was touched since. */
    private byte[] prerendered(String service, int pageSize, int offset) {
        Prerendered p = prerendered;
        if (p == null || p.pageSize != pageSize || !p.urlBase.equals(urlBase()) || p.touches != data.touchCount()) return null;
        return p.pages.get(service + "@" + offset);
    }

    private void fetch(HttpExchange ex, String service, String sid) throws IOException {
        Integer index = data.find(sid).filter(i -> data.serviceOf(i).equals(service)).orElse(null);
        if (index == null) {
            error(ex, 404, 20404, "The requested resource /Services/" + service + "/Sessions/" + sid + " was not found");
            return;
        }
        SimulatorHttp.writeJson(ex, 200, JSON.writeValueAsBytes(data.session(index, urlBase())));
    }

    private static void error(HttpExchange ex, int status, int code, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        SimulatorHttp.writeJson(ex, status, JSON.writeValueAsBytes(body));
    }

}
