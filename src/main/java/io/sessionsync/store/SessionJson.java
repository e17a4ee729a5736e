package io.sessionsync.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sessionsync.json.Json;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.Participant;
import java.util.List;
import java.util.Map;

/**
 * The JSON text of a session's participants and attributes. Map keys are written sorted so that the
 * same content always gives the same text (and the same content hash). Attribute values read back as
 * JSON types: strings, numbers (Integer/Long/Double by size), booleans, lists, maps; an Instant
 * attribute is written as its ISO-8601 text and reads back as that string.
 */
final class SessionJson {
    private static final ObjectWriter WRITER = Json.mapper().writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final TypeReference<List<Participant>> PARTICIPANTS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {};

    private SessionJson() {}

    /** Null for no participants, so an empty list and a missing one store alike. */
    static String participants(List<Participant> participants) {
        return participants.isEmpty() ? null : write(participants, "participants");
    }

    static String attributes(Map<String, Object> attributes) {
        return attributes.isEmpty() ? null : write(attributes, "attributes");
    }

    /** The whole canonical session (the payload of a letter a target refused). */
    static String session(CanonicalSession session) {
        return write(session, "session");
    }

    static List<Participant> readParticipants(String json, String key) {
        return json == null ? List.of() : read(json, PARTICIPANTS, "participants", key);
    }

    static Map<String, Object> readAttributes(String json, String key) {
        return json == null ? Map.of() : read(json, ATTRIBUTES, "attributes", key);
    }

    private static String write(Object value, String field) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write session " + field + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type, String field, String key) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("Stored " + field + " of session " + key + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
