package io.sessionsync.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API ({@code routes/ops.yaml}): checks the bearer token, reads and checks the parameters
 * (query parameters, path parameters and, for POSTs, a flat JSON object body; never other request
 * headers or form fields, see {@link OpsRequest}), calls
 * {@link OpsService}, and answers JSON. 401 without the right token, 400 for a bad value (nothing
 * runs), 404 for an unknown id or source. Request headers are not echoed back.
 */
public final class OpsHttp {
    private static final Logger LOG = LoggerFactory.getLogger(OpsHttp.class);
    private static final int MAX_BODY = 16 * 1024;
    /** The parameters any ops call reads; other headers (the HTTP request's own) are ignored. */
    private static final Set<String> PARAMS = Set.of("id", "source", "status", "error", "from", "to",
            "limit", "all", "dryRun", "reason", "since", "resetCheckpoint");

    private final OpsService ops;
    private final BearerToken token;
    private final OpsStatus status;
    private final ObjectMapper json = Json.mapper();

    public OpsHttp(OpsService ops, BearerToken token, OpsStatus status) {
        this.status = status;
        this.ops = ops;
        this.token = token;
    }

    public void listDeadLetters(Exchange ex) {
        answer(ex, p -> ops.reads().listAnswer(OpsParams.filter(p)));
    }

    public void showDeadLetter(Exchange ex) {
        answer(ex, p -> ops.reads().show(OpsParams.id(p.get("id"))));
    }

    public void replay(Exchange ex) {
        answer(ex, p -> {
            boolean dryRun = OpsParams.bool("dryRun", p.get("dryRun"));
            ReplaySelection selection = ReplaySelection.parse(without(p, "dryRun"));
            if (dryRun) {
                List<ReplayPreview> previews = ops.dryRun(selection);
                return Map.of("dryRun", true, "count", previews.size(), "previews", previews);
            }
            ReplayReport r = ops.replay(selection);
            return Map.of("dryRun", false, "replayed", r.replayed(), "stillFailing", r.stillFailing(),
                    "runs", r.runs(), "letters", r.letters());
        });
    }

    public void discard(Exchange ex) {
        answer(ex, p -> {
            long id = OpsParams.id(p.get("id"));
            return ops.discard(id, OpsParams.reason(p.get("reason")));
        });
    }

    public void resync(Exchange ex) {
        answer(ex, p -> {
            String source = OpsParams.source(p.get("source"), true);
            var since = OpsParams.instant("since", p.get("since"));
            boolean reset = OpsParams.bool("resetCheckpoint", p.get("resetCheckpoint"));
            return ops.startResync(source, since, reset);
        });
    }

    public void runNow(Exchange ex) {
        answer(ex, p -> ops.startRun(OpsParams.source(p.get("source"), true)));
    }

    /** One run, running or finished: where a 202 from run or resync points. */
    public void run(Exchange ex) {
        answer(ex, p -> ops.reads().run(OpsParams.id(p.get("id"))));
    }

    /** JSON, or the read-only HTML page when the caller asks for text/html (a browser). */
    public void status(Exchange ex) {
        String accept = ex.getMessage().getHeader("Accept", String.class);
        boolean html = accept != null && accept.contains("text/html");
        answer(ex, p -> html ? new Html(status.html()) : status.snapshot());
    }

    /** A page to answer as text/html. */
    private record Html(String text) {}

    public void progress(Exchange ex) {
        answer(ex, p -> Map.of("running", ops.progress()));
    }

    public void runs(Exchange ex) {
        answer(ex, p -> Map.of("runs", ops.reads().recentRuns(OpsParams.runsLimit(p.get("limit")))));
    }

    private void answer(Exchange ex, Function<Map<String, String>, Object> call) {
        Message in = ex.getMessage();
        OpsRequest request = OpsRequest.of(ex);
        boolean authorized = token.accepts(request.authorization());
        int status;
        Object body;
        String location = null;
        if (!authorized) {
            status = 401;
            body = error("a valid bearer token is required (Authorization: Bearer <sessionsync.ops.token>)");
        } else {
            try {
                body = call.apply(params(request));
                status = 200;
                if (body instanceof OpsService.Started started) {
                    // Accepted: the run goes on in the background; poll its Location.
                    status = 202;
                    location = started.location();
                }
            } catch (BadOpsRequest e) {
                status = 400;
                body = error(e.getMessage());
            } catch (NotFound e) {
                status = 404;
                body = error(e.getMessage());
            } catch (Conflict e) {
                status = 409;
                body = error(e.getMessage());
            } catch (RuntimeException e) {
                // A failure of ours, not of the request: logged once with its cause, answered without it.
                LOG.error("Admin API {} failed", in.getHeader(Exchange.HTTP_PATH, String.class), e);
                status = 500;
                body = error("internal error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        in.removeHeaders("*");
        if (location != null) in.setHeader("Location", location);
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (body instanceof Html page) {
            in.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
            in.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            in.setBody(page.text());
            return;
        }
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (status == 401) in.setHeader("WWW-Authenticate", "Bearer realm=\"session-sync ops\"");
        try {
            in.setBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the answer as JSON", e);
        }
    }

    /**
     * Query and path parameters, then the fields of a JSON object body; never a request header or a
     * form field. A parameter given twice, or a body that is not a flat JSON object, is a bad request.
     */
    private Map<String, String> params(OpsRequest request) {
        Map<String, String> p = new HashMap<>();
        for (String name : PARAMS) {
            List<String> values = request.query().get(name);
            if (values == null) continue;
            if (values.size() > 1 || request.path().containsKey(name)) {
                throw new BadOpsRequest("parameter " + name + " is given more than once");
            }
            p.put(name, values.get(0));
        }
        request.path().forEach((name, value) -> {
            if (PARAMS.contains(name)) p.put(name, value);
        });
        if (request.body() instanceof Map<?, ?>) throw new BadOpsRequest("the request body must be a JSON object");
        String body = (String) request.body();
        if (body == null || body.isBlank()) return p;
        if (body.length() > MAX_BODY) throw new BadOpsRequest("the request body is larger than " + MAX_BODY + " bytes");
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadOpsRequest("the request body must be a JSON object");
        }
        if (!node.isObject()) throw new BadOpsRequest("the request body must be a JSON object");
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            if (!PARAMS.contains(f.getKey())) throw new BadOpsRequest("unknown body field " + safeName(f.getKey()));
            if (!f.getValue().isValueNode()) throw new BadOpsRequest("body field " + safeName(f.getKey()) + " must be a plain value");
            if (!f.getValue().isNull()) p.put(f.getKey(), f.getValue().asText());
        }
        return p;
    }

    private static Map<String, String> without(Map<String, String> p, String key) {
        Map<String, String> copy = new HashMap<>(p);
        copy.remove(key);
        return copy;
    }


    private static Map<String, String> error(String message) {
        return Map.of("error", message);
    }

    private static String safeName(String name) {
        return name.length() <= 40 && name.matches("[A-Za-z0-9_.-]+") ? "'" + name + "'" : "(unprintable)";
    }
}
