package io.sessionsync.source.evovoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.RecordFetcher;
import io.sessionsync.reliability.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;

/**
 * Evo Voice sessions one at a time: fetches a session by id (webhooks, replays). Runs read
 * {@code GET /sessions} page by page in {@code routes/source-evovoice.yaml} ({@link EvoVoicePages},
 * decided by {@link EvoVoiceRead}).
 *
 * <p>Two ways to read, because the API filters only on the creation day ({@code StartDate}/{@code EndDate}):
 * <ul>
 * <li>Incremental runs (a {@link #TRAILING} checkpoint, no {@code since}) re-read the trailing changes: the live period,
 *     then the archive, each sorted by {@code dateLastModified} newest first, until a page passes the
 *     checkpoint minus {@link #TRAILING_OVERLAP} ({@link TrailingRead}). That finds a change to a
 *     session of any age. The checkpoint moves to the newest version read only when both listings
 *     reached it within the call budget; when the budget is spent first, the run stops and keeps the
 *     checkpoint, so the next run reads those changes again rather than skipping them.</li>
 * <li>The first run (no {@link #TRAILING} checkpoint yet; resuming from {@link #OBJECT}'s day minus one
 *     when an earlier one was cut short) and re-reads from {@code since} read a window of creation
 *     days, sorted by {@code dateLastModified} ascending, saving the checkpoint after each page; they
 *     are backfills and spend no call budget ({@link WindowRead}).</li>
 * </ul>
 * Only one page is held in memory. The checkpoint never moves backwards. See docs/evovoice.md.
 */
public final class EvoVoiceSource implements RecordFetcher {
    public static final String NAME = "evovoice";
    public static final String OBJECT = "Session";
    /**
     * Checkpoint of the trailing re-reads: every change at or before it is stored. Written when the
     * first backfill completes; until then runs keep backfilling (resuming from {@link #OBJECT}).
     */
    static final String TRAILING = OBJECT + ".trailing";
    /** When the first backfill began: changes after it are re-read by the trailing re-reads. */
    static final String BACKFILL_START = OBJECT + ".backfill-start";
    /** How far before the checkpoint's day the window starts (dates are whole days). */
    static final Duration OVERLAP = Duration.ofDays(1);
    /**
     * How far before the checkpoint the trailing re-read goes on: changes written late, or stamped by
     * a clock a little behind, still fall inside it; re-reading them costs only an unchanged count.
     */
    static final Duration TRAILING_OVERLAP = Duration.ofMinutes(10);

    private final EvoVoiceSettings settings;
    private final EvoVoiceClient client;

    /** @param retry single fetches run outside a route step, under the retry policy's own loop */
    public EvoVoiceSource(EvoVoiceSettings settings, ProducerTemplate template, RetryPolicy retry) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = new EvoVoiceClient(settings, Objects.requireNonNull(template, "template"),
                Objects.requireNonNull(retry, "retry"));
    }

    @Override
    public Optional<RawRecord> fetch(String object, String id) throws Exception {
        if (!OBJECT.equals(object)) {
            throw new IllegalArgumentException("evovoice has no object '" + object + "'; only " + OBJECT);
        }
        if (id == null || id.isBlank() || id.contains(",")) {
            throw new IllegalArgumentException("evovoice session id must be non-blank without ',', was '" + id + "'");
        }
        // The list (not GET /sessions/{id}) carries the log, and it can search the archive.
        for (boolean archive : new boolean[] {false, true}) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("SpecificIds", id);
            q.put("SimplifiedPaging", "true");
            if (archive) q.put("SearchArchive", "true");
            for (JsonNode item : client.listSessions(q).path("items")) {
                if (id.equals(item.path("id").asText(null))) return Optional.of(toRecord(item));
            }
        }
        return Optional.empty();
    }

    static RawRecord toRecord(JsonNode item) {
        JsonNode id = item.get("id");
        String idText = id != null && id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
        JsonNode modified = item.get("dateLastModified");
        Instant version = modified != null && modified.isTextual() ? EvoVoiceDates.parseOrNull(modified.asText()) : null;
        return new RawRecord(NAME, OBJECT, idText, version, item);
    }

    @Override
    public String toString() {
        return "EvoVoiceSource[" + settings + "]";
    }
}
