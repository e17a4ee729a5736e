package io.sessionsync.pipeline;

import io.sessionsync.model.RawRecord;
import io.sessionsync.store.IsoInstant;
import io.sessionsync.store.TextDigest;
import java.util.List;

/**
 * What a page listed, summed up: SHA-256 over each record's id and version, in page order. Two pages
 * with the same digest listed the same records at the same versions. A collision would make the
 * pipeline skip a changed record, so the digest is a cryptographic one (about 0.1 ms a 1,000-record
 * page), not a fast 64-bit hash.
 */
final class PageDigest {
    private PageDigest() {}

    /** The page's digest, or null when a record has no id or no version (nothing to vouch for). */
    static String of(List<RawRecord> records) {
        // One text for the page, digested at once: "id\0version\0" per record, each version as Instant.toString
        // writes it (IsoInstant: a sixth of a re-run's samples were Instant.toString and per-record updates),
        // in the thread's reused buffers (TextDigest).
        TextDigest digest = TextDigest.start();
        StringBuilder text = digest.text();
        for (RawRecord r : records) {
            if (r.id() == null || r.version() == null) return null;
            text.append(r.id()).append('\0');
            IsoInstant.append(text, r.version());
            text.append('\0');
        }
        return digest.hex();
    }
}
