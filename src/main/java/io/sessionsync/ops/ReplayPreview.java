package io.sessionsync.ops;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What replaying one dead letter would do, computed with the mapping files loaded now, without
 * writing or sending anything: the fields the store would change, and whether each target would take
 * the result (its target mapping and checks run too).
 *
 * @param error          why the record would still fail mapping or its checks (then {@code fields} is empty), or null
 * @param storedVersion  the stored session's version, null when the store has none
 * @param newVersion     the version the mapping reads now
 * @param wouldWrite     whether the store would take it (nothing stored, a newer version, or the same
 *                       version with different content)
 * @param fields         only the fields whose value would change, old and new as JSON values; timestamps
 *                       are compared at the store's precision (microseconds), so precision noise is no change
 * @param targets        per target that takes this source: null when it would take the session, else why not
 */
public record ReplayPreview(long letterId, String source, String object, String recordId, String error,
                            Instant storedVersion, Instant newVersion, boolean wouldWrite, List<FieldChange> fields,
                            Map<String, String> targets) {

    /** One field that would change: the stored value and the new one, as JSON values (null when absent). */
    public record FieldChange(String field, Object stored, Object proposed, boolean changed) {}
}
