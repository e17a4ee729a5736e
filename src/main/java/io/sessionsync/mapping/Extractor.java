package io.sessionsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads one canonical value from a source record: already coerced to its field's Java type, or null
 * when the record has nothing there. Compiled once per field at load; throws {@link BadValue}.
 * {@code memo} is per record: timestamps read by several fields (a start time and a duration) are
 * parsed once. It may be null for extractors compiled without memo slots.
 */
@FunctionalInterface
interface Extractor {
    Object extract(JsonNode record, Object[] memo);
}
