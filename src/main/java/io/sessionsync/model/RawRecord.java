package io.sessionsync.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One record exactly as a source sent it, before mapping. The JSON is kept verbatim so a
 * dead letter can be replayed with the mapping files of the day.
 *
 * @param source  the mapping's source name, e.g. {@code twilio-proxy}
 * @param object  the source object, e.g. {@code Session}
 * @param id      the record's id in the source (may be null when the record is too broken to say)
 * @param version the record's last-modified time in the source (may be null, see the mapping)
 * @param json    the record's JSON text
 */
public record RawRecord(String source, String object, String id, Instant version, String json) {
    public RawRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(json, "json");
    }

    /** A short, log-safe name for the record: never its payload. */
    public String key() {
        return source + "/" + object + "/" + (id == null ? "?" : id);
    }
}
