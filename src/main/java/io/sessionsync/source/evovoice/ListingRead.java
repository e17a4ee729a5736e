package io.sessionsync.source.evovoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.RawRecord;
import java.util.List;
import java.util.Map;

/**
 * One listing of {@code GET /sessions} a run pages through (the live period, or the archive with
 * {@code SearchArchive=true}): the query of each page, what each answer hands on, and when the
 * listing ends: at an empty page, at {@code hasMorePages=false}, or where the subclass says so.
 * A server (or proxy) that ignores {@code Page} would otherwise be paged forever: an answer with the
 * same first session as the page before fails the run.
 */
abstract class ListingRead {
    private final boolean archive;
    private int page = -1;
    private String previousFirstId;
    private boolean ended;

    ListingRead(boolean archive) {
        this.archive = archive;
    }

    /** The listing's query for page {@code page}, without {@code AccountIds}. */
    abstract Map<String, String> query(int page);

    /** The records of a non-empty page to hand on; may {@link #end} the listing. */
    abstract List<RawRecord> select(JsonNode items);

    boolean archive() {
        return archive;
    }

    /**
     * The paging part every listing's query shares, sorted by {@code dateLastModified} in {@code order}
     * ({@code Ascend} or {@code Descend}); the subclass puts its own filters first.
     */
    final Map<String, String> pageQuery(Map<String, String> q, String order, int page, int countPerPage) {
        q.put("SortField", "dateLastModified");
        q.put("SortOrder", order);
        q.put("SimplifiedPaging", "true");
        q.put("Page", Integer.toString(page));
        q.put("CountPerPage", Integer.toString(countPerPage));
        if (archive) q.put("SearchArchive", "true");
        return q;
    }

    /** Pages asked for so far. */
    int pages() {
        return page + 1;
    }

    /** Whether the listing was read to its end (or to where the run stops reading it). */
    boolean ended() {
        return ended;
    }

    void end() {
        ended = true;
    }

    /** The query of the next page. */
    Map<String, String> nextQuery() {
        if (ended) throw new IllegalStateException("the listing has ended");
        return query(++page);
    }

    /** Reads the answer to the last page asked for: the records to hand on (none when the page is empty). */
    List<RawRecord> take(JsonNode answer, String baseUrl) {
        JsonNode items = answer.path("items");
        if (!items.isArray() || items.isEmpty()) {
            end();
            return List.of();
        }
        String firstId = items.get(0).path("id").asText(null);
        if (firstId != null && firstId.equals(previousFirstId)) {
            throw new IllegalStateException("evovoice answered page " + page + " with the same first session ("
                    + firstId + ") as page " + (page - 1) + "; is the Page parameter honoured at " + baseUrl + "?");
        }
        previousFirstId = firstId;
        List<RawRecord> records = select(items);
        JsonNode more = answer.get("hasMorePages");
        // Absent hasMorePages: keep paging until the documented empty page.
        if (more != null && more.isBoolean() && !more.booleanValue()) end();
        return records;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (archive ? "archive" : "live") + ", pages " + pages() + (ended ? ", ended]" : "]");
    }
}
