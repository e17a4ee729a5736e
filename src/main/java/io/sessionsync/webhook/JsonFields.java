package io.sessionsync.webhook;

import io.sessionsync.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The top-level fields of a JSON-bodied callback, shaped like form parameters (name to values), so one
 * parser reads both kinds of Twilio callback. Scalars become their text; objects and arrays their JSON;
 * null is left out.
 */
final class JsonFields {
    private static final ObjectMapper JSON = Json.mapper();

    private JsonFields() {}

    /** @throws TwilioProxyCallback.Rejected when the body is not a JSON object (the reason never quotes it) */
    static Map<String, List<String>> of(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending token: name only where it is.
            var at = e.getLocation();
            throw new TwilioProxyCallback.Rejected("Twilio Proxy callback: the JSON body does not parse"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new TwilioProxyCallback.Rejected("Twilio Proxy callback: the JSON body must be an object");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        root.fields().forEachRemaining(f -> {
            JsonNode v = f.getValue();
            if (v.isNull()) return;
            fields.put(f.getKey(), List.of(v.isValueNode() ? v.asText() : v.toString()));
        });
        return fields;
    }
}
