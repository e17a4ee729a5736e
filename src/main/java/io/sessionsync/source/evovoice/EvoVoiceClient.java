package io.sessionsync.source.evovoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.json.Json;
import io.sessionsync.reliability.RemoteCallException;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.source.http.NoAutomaticRetries;
import io.sessionsync.source.http.RetryAfter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

/**
 * How {@code GET /sessions} is spoken, for the run's route ({@link EvoVoicePages}) and for single
 * fetches: the camel-http endpoint (one for every call; the query travels in {@link Exchange#HTTP_QUERY}
 * so Camel does not create an endpoint per page), the request headers, and the answer check, which
 * turns every non-2xx answer into a {@link RemoteCallException} carrying ServiceStack's
 * {@code responseStatus} code and message and any {@code Retry-After}.
 */
final class EvoVoiceClient {
    static final String SYSTEM = "evovoice";

    private final EvoVoiceSettings settings;
    private final ProducerTemplate template;
    private final RetryPolicy retry;
    private final String endpointUri;

    /** @param retry single fetches run outside a route step, under the retry policy's own loop */
    EvoVoiceClient(EvoVoiceSettings settings, ProducerTemplate template, RetryPolicy retry) {
        this.settings = settings;
        this.template = template;
        this.retry = retry;
        this.endpointUri = endpointUri(settings);
    }

    /**
     * The camel-http endpoint of {@code GET /sessions}. With Basic auth the credentials are endpoint
     * options ({@code RAW} keeps them byte-exact; Camel masks authPassword when it logs the URI), sent
     * preemptively. A bearer token is not: camel-http 4.17 cannot send one preemptively ("Bearer token
     * is null"), so {@link #prepare} adds its header to each request. Non-2xx answers are read by
     * {@link #read}, not thrown by camel-http; HttpClient's own retries are off.
     */
    static String endpointUri(EvoVoiceSettings settings) {
        String uri = settings.baseUrl() + "/sessions?throwExceptionOnFailure=false"
                + "&httpClientConfigurer=#class:" + NoAutomaticRetries.class.getName();
        if (settings.auth() == EvoVoiceSettings.AuthMode.BASIC) {
            uri += "&authMethod=Basic&authenticationPreemptive=true&authUsername=" + raw(settings.username())
                    + "&authPassword=" + raw(settings.password());
        }
        return uri;
    }

    /** The query string of one list call: {@code AccountIds} first, then {@code query}, URL-encoded. */
    static String queryString(EvoVoiceSettings settings, Map<String, String> query) {
        StringJoiner out = new StringJoiner("&");
        out.add("AccountIds=" + URLEncoder.encode(String.join(",", settings.accountIds()), StandardCharsets.UTF_8));
        query.forEach((k, v) -> out.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    /** Makes {@code m} the list request with {@code queryString}; whatever the message carried before goes. */
    static void prepare(Message m, EvoVoiceSettings settings, String queryString) {
        m.removeHeaders("*");
        m.setBody(null);
        m.setHeader(Exchange.HTTP_METHOD, "GET");
        m.setHeader(Exchange.HTTP_QUERY, queryString);
        m.setHeader("Accept", "application/json");
        if (settings.auth() == EvoVoiceSettings.AuthMode.BEARER) m.setHeader("Authorization", settings.authorizationHeader());
    }

    /** Reads a list answer: 2xx becomes its JSON, anything else a {@link RemoteCallException} for the classifier and retries. */
    static JsonNode read(Message m, EvoVoiceSettings settings) {
        int status = m.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = m.getBody(String.class);
        if (status >= 200 && status < 300) {
            try {
                return Json.mapper().readTree(body == null ? "" : body);
            } catch (Exception e) {
                throw new RemoteCallException(SYSTEM, status, null, "answer is not JSON: " + e.getMessage(), null, null);
            }
        }
        throw error(settings, status, body, m.getHeader("Retry-After", String.class));
    }

    /** One page of {@code GET /sessions}, retried under the retry policy; {@code query} excludes {@code AccountIds}. */
    JsonNode listSessions(Map<String, String> query) throws Exception {
        String queryString = queryString(settings, query);
        return retry.call("evovoice GET /sessions?" + queryString, () -> get(queryString));
    }

    private JsonNode get(String queryString) throws Exception {
        Exchange answer = template.send(endpointUri, ExchangePattern.InOut, ex -> prepare(ex.getIn(), settings, queryString));
        if (answer.getException() != null) throw answer.getException(); // connection failures: IOException, transient
        return read(answer.getMessage(), settings);
    }

    private static RemoteCallException error(EvoVoiceSettings settings, int status, String body, String retryAfter) {
        String code = null;
        String message = null;
        try {
            JsonNode rs = Json.mapper().readTree(body == null ? "" : body).path("responseStatus");
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

    // RAW(...) ends at the first ")" followed by "&" or the end; RAW{...} likewise with "}".
    private static String raw(String secret) {
        return secret.contains(")&") ? "RAW{" + secret + "}" : "RAW(" + secret + ")";
    }
}
