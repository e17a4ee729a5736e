package io.sessionsync.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A verified call to {@code /webhooks/evovoice}, read as a hint: which session to fetch, and a key
 * that makes redelivery of the same event harmless. Accepts our event shape
 * {@code {"sessionId","eventId","type"}} or a whole {@code SessionInfo} (its {@code id}).
 *
 * @param sessionId the Evo Voice session to fetch
 * @param eventKey  idempotency key ({@link InboxKey}, 64 hex digits): a digest of the session and its
 *                  {@code eventId}, else its {@code dateLastModified}, else the whole (signed) body.
 *                  The session is part of it, so an {@code eventId} a sender reuses for another session
 *                  is a new event.
 * @param type      the sender's event type, or null
 */
public record EvoVoiceEvent(String sessionId, String eventKey, String type) {

    private static final ObjectMapper JSON = Json.mapper();

    /** The body could not name a session; the reason says what was wrong (never the body itself). */
    public static final class InvalidEventException extends IllegalArgumentException {
        public InvalidEventException(String reason) {
            super(reason);
        }
    }

    public static EvoVoiceEvent parse(byte[] body) {
        if (body == null || body.length == 0) throw new InvalidEventException("Evo Voice event body is empty");
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            // Jackson's own message quotes the offending token (the body's content): name only where it is.
            var at = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getLocation() : null;
            throw new InvalidEventException("Evo Voice event body is not JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("Evo Voice event body must be a JSON object");
        }
        String sessionId = text(root, "sessionId");
        if (sessionId == null) sessionId = text(root, "id");
        if (sessionId == null) {
            throw new InvalidEventException("Evo Voice event names no session: expected a non-blank 'sessionId' (event)"
                    + " or 'id' (SessionInfo) string");
        }
        String eventId = text(root, "eventId");
        String modified = text(root, "dateLastModified");
        String key = eventId != null ? InboxKey.of(sessionId, "event", eventId)
                : modified != null ? InboxKey.of(sessionId, "modified", modified)
                : InboxKey.of(sessionId, "body", sha256(body));
        return new EvoVoiceEvent(sessionId, key, text(root, "type"));
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText().trim() : null;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable in this JVM", e);
        }
    }
}
