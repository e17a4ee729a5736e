package io.sessionsync.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Answers the gates give before a request reaches its route: short, fixed texts, never an echo of the request. */
final class PlainAnswers {
    private PlainAnswers() {}

    /** The Content-Length the client declared; -1 when absent or unreadable. */
    static long declaredLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (value == null) return -1;
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether the request carries a body: a declared length above zero, or a chunked one. */
    static boolean hasBody(HttpServerRequest request) {
        return declaredLength(request) > 0 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    /**
     * Answers and ends the exchange. A body the client is still sending is not read: the connection
     * is closed after the answer rather than drained.
     */
    static void refuse(RoutingContext ctx, int status, String text) {
        answer(ctx, status, "text/plain; charset=utf-8", text + "\n");
    }

    static void answer(RoutingContext ctx, int status, String contentType, String body) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) return;
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        if (!ctx.request().isEnded()) response.putHeader(HttpHeaders.CONNECTION, "close");
        response.end(body);
    }
}
