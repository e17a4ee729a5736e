package io.sessionsync.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses an {@code application/x-www-form-urlencoded} body exactly as sent, keeping repeated names. */
final class FormBody {
    private FormBody() {}

    /**
     * The form parameters of a request body: platform-http (Vert.x) hands a url-encoded form over
     * already parsed, as a map of names to a value or a list of values; anything else is the raw text.
     */
    static Map<String, List<String>> of(Object body) {
        if (!(body instanceof Map<?, ?> parsed)) return parse(body == null ? null : body.toString());
        Map<String, List<String>> out = new LinkedHashMap<>();
        parsed.forEach((name, value) -> {
            List<String> values = out.computeIfAbsent(String.valueOf(name), k -> new ArrayList<>());
            if (value instanceof java.util.Collection<?> many) {
                for (Object v : many) values.add(String.valueOf(v));
            } else {
                values.add(value == null ? "" : String.valueOf(value));
            }
        });
        return out;
    }

    static Map<String, List<String>> parse(String body) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) return out;
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }
}
