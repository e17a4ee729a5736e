package io.sessionsync.source.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import io.sessionsync.reliability.RemoteCallException;
import io.sessionsync.source.http.NoAutomaticRetries;
import io.sessionsync.source.http.RetryAfter;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * One authenticated GET against the Twilio REST API through camel-http. Non-2xx answers are read
 * here (Twilio's error JSON {@code code, message, more_info, status} and {@code Retry-After}) and
 * thrown as {@link RemoteCallException}, so the one classifier and retry policy decide what follows.
 * The endpoint carries only scheme, host and port; path and query travel as headers, so paging does
 * not create an endpoint per page.
 */
final class TwilioApiClient {
    static final String SYSTEM = "Twilio";
    private static final ObjectMapper JSON = Json.mapper();

    private final ProducerTemplate producer;
    private final String endpointUri;

    TwilioApiClient(ProducerTemplate producer, TwilioSettings settings) {
        this.producer = producer;
        this.endpointUri = endpointUri(settings);
    }

    /**
     * The camel-http endpoint of the Twilio REST API, for single calls here and for the list route
     * ({@code sessionsync.twilio.api-uri}): host and credentials only. {@code RAW(...)} keeps the secret
     * byte-exact; Camel masks authPassword/authUsername when it logs URIs. Non-2xx answers are read by
     * the caller (Twilio's error JSON and Retry-After), not thrown by camel-http.
     */
    static String endpointUri(TwilioSettings settings) {
        return settings.baseUrl() + "?authMethod=Basic&authenticationPreemptive=true"
                + "&authUsername=RAW(" + settings.username() + ")&authPassword=RAW(" + settings.password() + ")"
                + "&throwExceptionOnFailure=false"
                + "&httpClientConfigurer=#class:" + NoAutomaticRetries.class.getName();
    }

    /** A response the caller may see: 2xx with its body, or 404 when the caller asked to see it. */
    record Response(int status, String body) {}

    /**
     * GETs {@code rawPath?rawQuery} on the configured host. Returns 2xx answers, and 404 ones when
     * {@code notFoundIsAnAnswer} (fetch treats it as "absent"); throws {@link RemoteCallException} for
     * other statuses, and the transport's exception when no answer came.
     */
    Response get(String rawPath, String rawQuery, boolean notFoundIsAnAnswer) throws Exception {
        Exchange answer = producer.send(endpointUri, ex -> {
            ex.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            ex.getMessage().setHeader(Exchange.HTTP_PATH, rawPath);
            if (rawQuery != null) ex.getMessage().setHeader(Exchange.HTTP_QUERY, rawQuery);
            ex.getMessage().setHeader("Accept", "application/json");
        });
        if (answer.getException() != null) throw answer.getException();
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = answer.getMessage().getBody(String.class);
        int code = status == null ? 0 : status;
        if ((code >= 200 && code < 300) || (code == 404 && notFoundIsAnAnswer)) return new Response(code, body);
        throw error(code, body, answer.getMessage().getHeader("Retry-After", String.class));
    }

    /** Builds the exception from Twilio's error JSON; the text names Twilio and the status, never a secret. */
    static RemoteCallException error(int status, String body, String retryAfter) {
        String code = null;
        String message = null;
        String moreInfo = null;
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (node != null && node.isObject()) {
                code = node.hasNonNull("code") ? node.get("code").asText() : null;
                message = node.hasNonNull("message") ? node.get("message").asText() : null;
                moreInfo = node.hasNonNull("more_info") ? node.get("more_info").asText() : null;
            }
        } catch (Exception notJson) {
            message = "non-JSON error body (" + (body.length() > 200 ? body.substring(0, 200) + "..." : body) + ")";
        }
        if (status == 401 || status == 403) {
            message = (message == null ? "" : message + "; ")
                    + "check sessionsync.twilio.account-sid/auth-token or api-key-sid/api-key-secret";
        }
        return new RemoteCallException(SYSTEM, status, code, message, moreInfo, RetryAfter.parse(retryAfter));
    }


    /** The path and query of a URL Twilio handed back (next_page_url), to be called on our configured host. */
    static String[] pathAndQuery(String absoluteUrl) {
        URI uri = URI.create(absoluteUrl);
        return new String[] {uri.getRawPath(), uri.getRawQuery()};
    }
}
