package io.sessionsync.pipeline;

/**
 * Whether looking up a page's stored versions before mapping it is worth its query, for one run of one
 * source. The lookup spares mapping and writing records the store already holds. A backfill's pages are
 * new, though: the lookup finds nothing and costs PostgreSQL about as many index probes as the upsert that
 * follows it. So once a lookup found none of a page's records stored, the run's next pages go straight to
 * mapping, and the upsert's guard (only a newer version, or the same one mapped differently, is written)
 * counts what is unchanged; the first upsert that finds a record the store already held turns the lookups
 * back on. A page listed as it was last stored in full is skipped before any of this ({@code StoredPages}).
 */
final class VersionLookups {
    private volatile boolean worthIt = true;

    /** Whether the next page's versions should be looked up. */
    boolean worthIt() {
        return worthIt;
    }

    /** A lookup found {@code stored} of the page's records stored. */
    void looked(int stored) {
        worthIt = stored > 0;
    }

    /** An upsert found {@code unchanged} records the store already held at their version. */
    void upserted(long unchanged) {
        if (unchanged > 0) worthIt = true;
    }
}
