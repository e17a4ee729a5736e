package io.sessionsync.pipeline;

import io.sessionsync.model.RawRecord;
import java.util.Optional;

/**
 * One source system: pages through what changed since the checkpoint and hands each page to the
 * pipeline, and fetches one record by id when a webhook names it.
 */
public interface SourceAdapter extends RecordFetcher {

    /** The source's name in config, mappings, the store and the CLI, e.g. {@code twilio-proxy}. */
    String name();

    /**
     * Reads the source incrementally. Each page goes to {@link SyncContext#accept}; the adapter saves
     * its checkpoint only after {@code accept} returned for the page that reached it, so a crash
     * re-reads at most one page.
     */
    void sync(SyncContext context) throws Exception;

    /** Fetches one record by object and id, for webhooks and replays; empty when the source lacks it. */
    @Override
    Optional<RawRecord> fetch(String object, String id) throws Exception;
}
