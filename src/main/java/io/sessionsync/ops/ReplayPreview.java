package io.sessionsync.ops;

import java.time.Instant;
import java.util.List;

/**
 * What replaying one dead letter would write, computed with the mapping files loaded now, without
 * writing: for each field, the value the store holds and the value the mapping makes now.
 *
 * @param error          why the record would still fail mapping (then {@code fields} is empty), or null
 * @param storedVersion  the stored session's version, null when the store has none
 * @param newVersion     the version the mapping reads now
 * @param wouldWrite     whether the store would take it (nothing stored, a newer version, or the same
 *                       version with different content)
 */
public record ReplayPreview(long letterId, String source, String object, String recordId, String error,
                            Instant storedVersion, Instant newVersion, boolean wouldWrite, List<FieldChange> fields) {

    /** One field: stored value and new value, as text; {@code changed} when they differ. */
    public record FieldChange(String field, String stored, String proposed, boolean changed) {}
}
