package io.sessionsync.source.evovoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.SyncContext;
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
final class TrailingRead {

    /** What one listing gave: the newest version handed on (null when none), and whether it reached {@code stopAt}. */
    record Outcome(Instant newest, boolean complete, int pages) {
        static Outcome notStarted() {
            return new Outcome(null, false, 0);
        }
    }

    private final EvoVoiceClient client;
    private final int countPerPage;
    private final String baseUrl;

    TrailingRead(EvoVoiceClient client, int countPerPage, String baseUrl) {
        this.client = client;
        this.countPerPage = countPerPage;
        this.baseUrl = baseUrl;
    }

    Outcome read(SyncContext context, boolean archive, Instant stopAt, CallBudget budget) throws Exception {
        Instant newest = null;
        String previousFirstId = null;
        for (int page = 0; ; page++) {
            if (budget.spent()) return new Outcome(newest, false, page);
            Map<String, String> q = new LinkedHashMap<>();
            q.put("SortField", "dateLastModified");
            q.put("SortOrder", "Descend");
            q.put("SimplifiedPaging", "true");
            q.put("Page", Integer.toString(page));
            q.put("CountPerPage", Integer.toString(countPerPage));
            if (archive) q.put("SearchArchive", "true");
            JsonNode answer = client.listSessions(q);
            JsonNode items = answer.path("items");
            if (!items.isArray() || items.isEmpty()) return new Outcome(newest, true, page + 1);
            String firstId = items.get(0).path("id").asText(null);
            if (firstId != null && firstId.equals(previousFirstId)) {
                throw new IllegalStateException("evovoice answered page " + page + " with the same first session ("
                        + firstId + ") as page " + (page - 1) + "; is the Page parameter honoured at " + baseUrl + "?");
            }
            previousFirstId = firstId;

            List<RawRecord> records = new ArrayList<>(items.size());
            boolean reachedStop = false;
            for (JsonNode item : items) {
                RawRecord r = EvoVoiceSource.toRecord(item);
                if (r.version() != null && r.version().isBefore(stopAt)) {
                    reachedStop = true; // sorted newest first: the rest of the listing is older still
                    continue;
                }
                records.add(r); // records without a readable version go on, for the pipeline to dead-letter
                if (r.version() != null && (newest == null || r.version().isAfter(newest))) newest = r.version();
            }
            if (!records.isEmpty()) context.accept(records);
            JsonNode more = answer.get("hasMorePages");
            boolean last = more != null && more.isBoolean() && !more.booleanValue();
            if (reachedStop || last) return new Outcome(newest, true, page + 1);
        }
    }
}
