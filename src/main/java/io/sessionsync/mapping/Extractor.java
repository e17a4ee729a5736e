package io.sessionsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads one canonical value from a source record: already coerced to its field's Java type, or null
 * when the record has nothing there. Compiled once per field at load; throws {@link BadValue}.
 */
@FunctionalInterface
interface Extractor {
    Object extract(JsonNode record);
}
