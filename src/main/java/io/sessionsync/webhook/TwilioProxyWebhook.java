package io.sessionsync.webhook;

import io.sessionsync.source.twilio.TwilioProxySource;
import io.sessionsync.store.WebhookInbox;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/twilio/proxy}: checks Twilio's signature (403 and nothing stored when it is
 * missing or wrong), parses the Proxy callback (400 when it names no session), writes the event to the
 * durable inbox and answers at once; the inbox worker fetches the session. A repeated delivery of the
 * same event is accepted again but stored, and so processed, once. "The same" means the same signed
 * content: the URL and form parameters for a form post, the URL (which carries the body's SHA-256)
 * for a JSON body. {@code I-Twilio-Idempotency-Token} is not signed, so a replayed request with a fresh
 * token would otherwise be a new event each time.
 */
public final class TwilioProxyWebhook implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioProxyWebhook.class);

    private final String authToken;
    private final String publicBaseUrl;
    private final WebhookInbox inbox;

    /**
     * @param publicBaseUrl the base URL Twilio calls; blank: rebuilt from the request's Host header
     *                      (right only when nothing rewrites the URL between Twilio and us)
     */
    public TwilioProxyWebhook(String authToken, String publicBaseUrl, WebhookInbox inbox) {
        this.authToken = authToken;
        this.publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : publicBaseUrl;
        this.inbox = inbox;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        Object rawBody = in.getBody();
        String signature = in.getHeader(TwilioSignatureValidator.HEADER, String.class);
        String rawPath = path(in);
        String rawQuery = in.getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        if (authToken == null || authToken.isBlank()) {
            LOG.warn("Twilio webhook refused: sessionsync.twilio.auth-token is not set, so no signature can be checked");
            WebhookResponses.answer(exchange, 403, "signature cannot be checked");
            return;
        }
        TwilioSignatureValidator validator = new TwilioSignatureValidator(authToken,
                publicBaseUrl != null ? publicBaseUrl : WebhookResponses.requestBaseUrl(in));
        String url = validator.publicUrl(rawPath, rawQuery);
        boolean json = isJson(in);
        Map<String, List<String>> form = json ? Map.of() : FormBody.of(rawBody);
        // Read once: the body may be a stream that a second read finds empty.
        String jsonBody = json ? in.getBody(String.class) : null;
        boolean valid = signature != null && !signature.isBlank()
                && (json ? validator.isValidJson(url, jsonBody, signature) : validator.isValid(url, form, signature));
        if (!valid) {
            LOG.warn("Twilio webhook refused: {} X-Twilio-Signature for {}", signature == null ? "missing" : "wrong", url);
            WebhookResponses.answer(exchange, 403, "invalid signature");
            return;
        }
        TwilioProxyCallback callback;
        try {
            callback = TwilioProxyCallback.parse(json ? JsonFields.of(jsonBody) : form);
        } catch (TwilioProxyCallback.Rejected e) {
            WebhookResponses.answer(exchange, 400, e.getMessage());
            return;
        }
        String eventKey = json ? InboxKey.of("json", url)
                : InboxKey.of("form", url, TwilioSignatureValidator.canonicalParams(form));
        WebhookResponses.accept(exchange, inbox, TwilioProxySource.NAME, eventKey, TwilioProxySource.OBJECT,
                callback.fetchId());
    }

    private static boolean isJson(Message in) {
        String type = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static String path(Message in) {
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        if (uri != null) {
            int q = uri.indexOf('?');
            String p = q < 0 ? uri : uri.substring(0, q);
            if (p.startsWith("http://") || p.startsWith("https://")) p = URI.create(p).getRawPath();
            return p;
        }
        return in.getHeader(Exchange.HTTP_PATH, String.class);
    }
}
