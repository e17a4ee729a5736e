package io.sessionsync.webhook;

import io.sessionsync.store.WebhookInbox;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The answers a webhook gives: short, plain, and never an echo of what was sent. */
final class WebhookResponses {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookResponses.class);

    private WebhookResponses() {}

    static void answer(Exchange exchange, int status, String text) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        out.setBody(text + "\n");
    }

    /**
     * Stores a verified event durably in the inbox and answers at once: 202 for a new event, 200 for
     * a repeat delivery, which the inbox's unique event key keeps from being stored (or processed) twice.
     */
    static void accept(Exchange exchange, WebhookInbox inbox, String source, String eventKey, String object, String id) {
        boolean fresh = inbox.offer(source, eventKey, InboxWorker.payload(object, id));
        // Debug: a flood is thousands a minute; the inbox and the runs are the record of what came in.
        LOG.debug("{} webhook for {} {}", source, id, fresh ? "accepted" : "was a repeat, already accepted");
        answer(exchange, fresh ? 202 : 200, fresh ? "accepted" : "already accepted");
    }

    /** Where the request came from, as the webhook's sender called it (for signatures). */
    static String requestBaseUrl(Message in) {
        String host = in.getHeader("Host", String.class);
        return "http://" + (host == null ? "localhost" : host);
    }
}
