package io.sessionsync.http;

import io.sessionsync.ops.BearerToken;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.Locale;
import java.util.Set;

/**
 * Stands in front of the admin API ({@code /ops/*}), before any body is read: the bearer token from
 * the real {@code Authorization} header (401 otherwise, so an anonymous caller makes us read
 * nothing), no body on a GET, HEAD or DELETE (400: Vert.x's body reader would throw on a form posted
 * with GET, a 500 and a stack trace per request), bodies only as JSON (415), of declared length
 * (411) and no larger than {@link #MAX_BODY_BYTES} (413). A {@link PlatformHandler}, so Vert.x runs it before any body handler.
 */
public final class OpsGate implements PlatformHandler {
    public static final long MAX_BODY_BYTES = 16 * 1024;
    private static final Set<HttpMethod> NO_BODY = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.DELETE);
    private static final String JSON = "application/json";

    private final BearerToken token;

    public OpsGate(BearerToken token) {
        this.token = token;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!token.accepts(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"session-sync ops\"");
            refuse(ctx, 401, "a valid bearer token is required (Authorization: Bearer <sessionsync.ops.token>)");
            return;
        }
        if (PlainAnswers.hasBody(request)) {
            if (NO_BODY.contains(request.method())) {
                refuse(ctx, 400, "a " + request.method().name() + " request takes no body: parameters go in the query string (POST bodies are JSON)");
                return;
            }
            String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(JSON)) {
                refuse(ctx, 415, "a request body must be a JSON object (Content-Type: application/json)");
                return;
            }
            // A body of unknown length would be read until it ends: the admin API wants it declared.
            if (PlainAnswers.declaredLength(request) < 0) {
                refuse(ctx, 411, "a request body needs a Content-Length");
                return;
            }
            if (PlainAnswers.declaredLength(request) > MAX_BODY_BYTES) {
                refuse(ctx, 413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
                return;
            }
        }
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, int status, String message) {
        // The admin API answers JSON; messages are fixed texts, so no escaping is needed beyond quotes.
        PlainAnswers.answer(ctx, status, JSON, "{\"error\":\"" + message.replace("\"", "\\\"") + "\"}");
    }
}
