package io.sessionsync.webhook;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The answers a webhook gives: short, plain, and never an echo of what was sent. */
final class WebhookResponses {
    private WebhookResponses() {}

    static void answer(Exchange exchange, int status, String text) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        out.setBody(text + "\n");
    }

    /** Where the request came from, as the webhook's sender called it (for signatures). */
    static String requestBaseUrl(Message in) {
        String host = in.getHeader("Host", String.class);
        return "http://" + (host == null ? "localhost" : host);
    }
}
