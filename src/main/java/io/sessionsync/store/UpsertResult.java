package io.sessionsync.store;

import io.sessionsync.model.CanonicalSession;
import java.util.List;

/**
 * What one {@link SessionStore#upsert} did.
 *
 * @param written   sessions inserted or updated (the ones downstream targets need), in key order
 * @param unchanged sessions left as stored: the same version again, an older version, or a duplicate
 *                  of a newer one in the same batch; {@code written.size() + unchanged} is the batch size
 */
public record UpsertResult(List<CanonicalSession> written, int unchanged) {
    public UpsertResult {
        written = List.copyOf(written);
    }
}
