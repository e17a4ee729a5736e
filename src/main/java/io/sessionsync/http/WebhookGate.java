package io.sessionsync.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.concurrent.Semaphore;

/**
 * Stands in front of one webhook route on the public port, before its body is read: at most
 * {@code permits} webhook requests at once (503 with Retry-After beyond that: Twilio and Evo Voice
 * retry), no declared body larger than the cap (413), and no request without its signature header
 * (403). What passes has its body read by Camel's body reader, capped at the same size
 * ({@code camel.server.max-body-size}, see {@link HttpServers}), which also stops a chunked body that
 * grows past it. A flood of large unsigned posts so costs a few bytes of headers each, not a buffer
 * each. A {@link PlatformHandler}, so Vert.x runs it before any body handler.
 */
public final class WebhookGate implements PlatformHandler {
    private final Semaphore permits;
    private final long maxBodyBytes;
    private final String signatureHeader;

    /** @param permits shared by every webhook route: the cap is on webhook requests in all */
    public WebhookGate(Semaphore permits, long maxBodyBytes, String signatureHeader) {
        this.permits = permits;
        this.maxBodyBytes = maxBodyBytes;
        this.signatureHeader = signatureHeader;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!permits.tryAcquire()) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            PlainAnswers.refuse(ctx, 503, "busy, retry later");
            return;
        }
        // Called once the answer is sent or the connection drops, whichever comes first.
        ctx.addEndHandler(done -> permits.release());
        HttpServerRequest request = ctx.request();
        if (PlainAnswers.declaredLength(request) > maxBodyBytes) {
            PlainAnswers.refuse(ctx, 413, "request body larger than " + maxBodyBytes + " bytes");
            return;
        }
        String signature = request.getHeader(signatureHeader);
        if (signature == null || signature.isBlank()) {
            PlainAnswers.refuse(ctx, 403, "missing " + signatureHeader + " header");
            return;
        }
        ctx.next();
    }
}
