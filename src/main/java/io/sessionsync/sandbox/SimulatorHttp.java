package io.sessionsync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.sessionsync.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.net.WWWFormCodec;

/**
 * How the Salesforce simulator answers: JSON or CSV, each with the {@code Sforce-Limit-Info} header real
 * Salesforce puts on every answer (camel-salesforce and our budget read it), and Salesforce's error shape.
 */
final class SimulatorHttp {
    private static final ObjectMapper JSON = Json.mapper();

    private final SimulatedApiUsage usage;

    SimulatorHttp(SimulatedApiUsage usage) {
        this.usage = usage;
    }

    void send(HttpExchange ex, int status, Object body) throws IOException {
        ex.getResponseHeaders().set("Sforce-Limit-Info", usage.limitInfo());
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        if (bytes.length > 0) ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    void sendCsv(HttpExchange ex, String csv, Map<String, String> headers) throws IOException {
        ex.getResponseHeaders().set("Sforce-Limit-Info", usage.limitInfo());
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.getResponseHeaders().set("Content-Type", "text/csv;charset=UTF-8");
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A JSON answer as Twilio and Evo Voice send it. */
    static void writeJson(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static Map<String, Object> error(String code, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        e.put("errorCode", code);
        return e;
    }

    static Map<String, String> query(HttpExchange ex) {
        String raw = ex.getRequestURI().getRawQuery();
        return raw == null ? Map.of() : form(raw);
    }

    static Map<String, String> form(HttpExchange ex) throws IOException {
        return form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** url-encoded name=value pairs (a query string or a form body); null or empty gives an empty map. */
    static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) return out;
        for (NameValuePair pair : WWWFormCodec.parse(raw, StandardCharsets.UTF_8)) {
            out.put(pair.getName(), pair.getValue() == null ? "" : pair.getValue());
        }
        return out;
    }
}
