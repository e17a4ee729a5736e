package io.sessionsync.ops;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * What an admin API call may read from its HTTP request, taken from the request itself: the
 * {@code Authorization} header, the query string, the route's path parameters and the body. Camel's
 * message headers are not used: platform-http copies query parameters and form fields into them next
 * to the real headers, so a token could come from {@code ?Authorization=...} and a standard
 * {@code From:} header could pose as the {@code from} parameter.
 */
record OpsRequest(String authorization, Map<String, List<String>> query, Map<String, String> path, Object body) {

    static OpsRequest of(Exchange ex) {
        Message in = ex.getMessage();
        if (!(in instanceof HttpMessage http) || http.getRequest() == null) {
            // Not an HTTP request as platform-http delivers it: nothing in it counts.
            return new OpsRequest(null, Map.of(), Map.of(), null);
        }
        HttpServerRequest request = http.getRequest();
        Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
        String template = ex.getFromEndpoint() instanceof PlatformHttpEndpoint e ? e.getPath() : "";
        // A form body arrives parsed into a Map (OpsGate refuses forms; this is the second line): kept as
        // is so params() rejects it; anything else is read as text.
        Object body = in.getBody() instanceof Map<?, ?> form ? form : in.getBody(String.class);
        return new OpsRequest(request.getHeader("Authorization"), query, pathParams(template, request.path()), body);
    }

    /** {@code /ops/dead-letters/{id}} against {@code /ops/dead-letters/42} gives {@code id=42}. */
    static Map<String, String> pathParams(String template, String path) {
        Map<String, String> out = new HashMap<>();
        if (template == null || path == null) return out;
        String[] names = template.split("/");
        String[] values = path.split("/");
        for (int i = 0; i < names.length && i < values.length; i++) {
            String n = names[i];
            if (n.length() > 2 && n.startsWith("{") && n.endsWith("}")) {
                out.put(n.substring(1, n.length() - 1), decode(values[i]));
            }
        }
        return out;
    }

    private static String decode(String segment) {
        try {
            // A path keeps '+' as itself; only %XX escapes are decoded.
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
