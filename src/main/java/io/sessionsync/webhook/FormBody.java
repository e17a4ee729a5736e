package io.sessionsync.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.net.WWWFormCodec;

/**
 * An {@code application/x-www-form-urlencoded} body as a map of names to values, repeated names kept.
 * The decoding is HttpCore's {@link WWWFormCodec}, the same codec the HTTP client encodes with.
 */
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
            if (value instanceof Collection<?> many) {
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
        for (NameValuePair pair : WWWFormCodec.parse(body, StandardCharsets.UTF_8)) {
            out.computeIfAbsent(pair.getName(), k -> new ArrayList<>()).add(pair.getValue() == null ? "" : pair.getValue());
        }
        return out;
    }
}
