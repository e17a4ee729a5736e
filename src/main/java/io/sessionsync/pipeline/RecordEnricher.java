package io.sessionsync.pipeline;

import io.sessionsync.model.RawRecord;

/**
 * Adds to a new or changed record what its source's list call leaves out, before it is mapped: a
 * Twilio Proxy Session's Participants are a list of their own. The pipeline calls it only for records
 * that passed the stored-version check, so unchanged records cost no extra API call.
 *
 * <p>A transient failure (after the source's retries) fails the run like a failed list page; a
 * permanent one dead-letters the record at stage {@value RecordPipeline#STAGE_ENRICH}. A replayed
 * record may already carry what this adds: return it as it is then.
 */
public interface RecordEnricher {

    /** The source whose records this enriches (a {@link RawRecord#source()}). */
    String source();

    /** The record with what it lacked added, or the record itself when there is nothing to add. */
    RawRecord enrich(RawRecord record) throws Exception;
}
