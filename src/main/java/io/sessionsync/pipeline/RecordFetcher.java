package io.sessionsync.pipeline;

import io.sessionsync.model.RawRecord;
import java.util.Optional;

/** Fetches one record of a source by object and id, for webhooks and replays. */
@FunctionalInterface
public interface RecordFetcher {
    /** The record, or empty when the source lacks it. */
    Optional<RawRecord> fetch(String object, String id) throws Exception;
}
