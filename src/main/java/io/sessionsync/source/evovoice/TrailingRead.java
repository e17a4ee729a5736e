package io.sessionsync.source.evovoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.RawRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-reads one listing (the live period, or the archive) newest change first: {@code GET /sessions}
 * sorted by {@code dateLastModified} {@code Descend}, without date filters, page after page until a
 * page reaches a session last modified before {@code stopAt} (the checkpoint minus an overlap).
 *
 * <p>Why this order: the API filters only on the creation day, so a window cannot find old sessions
 * changed late; sorted newest change first, every change since the checkpoint lies in the first
 * pages, whatever the session's age. A session changed while we page moves to the front, behind us:
 * the sessions still ahead shift by one towards us, so a page may repeat a session but never skips
 * one (the pipeline skips repeats as unchanged), and the moved session is newer than the checkpoint
 * this run saves, so the next run reads it. Sessions older than {@code stopAt} are not handed on:
 * the run that saved the checkpoint stored them.
 */
final class TrailingRead extends ListingRead {
    private final Instant stopAt;
    private final int countPerPage;
    private Instant newest;

    TrailingRead(boolean archive, Instant stopAt, int countPerPage) {
        super(archive);
        this.stopAt = stopAt;
        this.countPerPage = countPerPage;
    }

    /** The newest version handed on, null when none. */
    Instant newest() {
        return newest;
    }

    @Override
    Map<String, String> query(int page) {
        return pageQuery(new LinkedHashMap<>(), "Descend", page, countPerPage);
    }

    @Override
    List<RawRecord> select(JsonNode items) {
        List<RawRecord> records = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            RawRecord r = EvoVoiceSource.toRecord(item);
            if (r.version() != null && r.version().isBefore(stopAt)) {
                end(); // sorted newest first: the rest of the listing is older still
                continue;
            }
            records.add(r); // records without a readable version go on, for the pipeline to dead-letter
            if (r.version() != null && (newest == null || r.version().isAfter(newest))) newest = r.version();
        }
        return records;
    }
}
