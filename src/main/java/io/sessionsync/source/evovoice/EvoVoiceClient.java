package io.sessionsync.source.evovoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.reliability.RemoteCallException;
import io.sessionsync.source.http.NoAutomaticRetries;
import io.sessionsync.source.http.RetryAfter;
import io.sessionsync.reliability.RetryPolicy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;

/**
 * Calls {@code GET /sessions} through camel-http and turns every non-2xx answer into a
 * {@link RemoteCallException} carrying ServiceStack's {@code responseStatus} code and message and
 * any {@code Retry-After}; transient failures are retried by the shared {@link RetryPolicy}.
 * One endpoint is used for every call; the query travels in {@link Exchange#HTTP_QUERY} so Camel
 * does not create an endpoint per page.
 */
final class EvoVoiceClient {
    static final String SYSTEM = "evovoice";

    private final EvoVoiceSettings settings;
    private final ProducerTemplate template;
    private final RetryPolicy retry;
    private final ObjectMapper json;
    private final String endpointUri;
    private final AtomicLong calls = new AtomicLong();

    EvoVoiceClient(EvoVoiceSettings settings, ProducerTemplate template, RetryPolicy retry, ObjectMapper json) {
        this.settings = settings;
        this.template = template;
        this.retry = retry;
        this.json = json;
        // camel-http maps http(s):// URIs to itself; we read status and body ourselves.
        this.endpointUri = settings.baseUrl() + "/sessions?throwExceptionOnFailure=false"
                + "&httpClientConfigurer=#class:" + NoAutomaticRetries.class.getName();
    }

    /** One page of {@code GET /sessions}; {@code query} excludes {@code AccountIds}, which is always added. */
    JsonNode listSessions(Map<String, String> query) throws Exception {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("AccountIds", String.join(",", settings.accountIds()));
        q.putAll(query);
        String queryString = encode(q);
        return retry.call("evovoice GET /sessions?" + queryString, () -> get(queryString));
    }

    /** HTTP requests sent so far, every retry attempt included: what a call budget counts. */
    long calls() {
        return calls.get();
    }

    private JsonNode get(String queryString) throws Exception {
        calls.incrementAndGet();
        Exchange answer = template.send(endpointUri, ExchangePattern.InOut, ex -> {
            ex.getIn().setHeader(Exchange.HTTP_METHOD, "GET");
            ex.getIn().setHeader(Exchange.HTTP_QUERY, queryString);
            ex.getIn().setHeader("Accept", "application/json");
            ex.getIn().setHeader("Authorization", settings.authorizationHeader());
        });
        if (answer.getException() != null) throw answer.getException(); // connection failures: IOException, transient
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = answer.getMessage().getBody(String.class);
        if (status >= 200 && status < 300) {
            try {
                return json.readTree(body == null ? "" : body);
            } catch (Exception e) {
                throw new RemoteCallException(SYSTEM, status, null, "answer is not JSON: " + e.getMessage(), null, null);
            }
        }
        throw error(status, body, answer.getMessage().getHeader("Retry-After", String.class));
    }

    private RemoteCallException error(int status, String body, String retryAfter) {
        String code = null;
        String message = null;
        try {
            JsonNode rs = json.readTree(body == null ? "" : body).path("responseStatus");
            code = rs.hasNonNull("errorCode") ? rs.get("errorCode").asText() : null;
            message = rs.hasNonNull("message") ? rs.get("message").asText() : null;
        } catch (Exception notServiceStackJson) {
            // Proxies and gateways answer HTML or plain text: keep the status alone.
        }
        if (status == 401 || status == 403) {
            String hint = settings.auth() == EvoVoiceSettings.AuthMode.BASIC
                    ? "check sessionsync.evovoice.username/password" : "check sessionsync.evovoice.bearer-token";
            message = (message == null ? "not authorised" : message) + " (" + hint
                    + " and that the user may read accounts " + settings.accountIds() + ")";
        }
        return new RemoteCallException(SYSTEM, status, code, message, null, RetryAfter.parse(retryAfter));
    }


    private static String encode(Map<String, String> q) {
        StringJoiner out = new StringJoiner("&");
        q.forEach((k, v) -> out.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }
}
