package io.sessionsync.source.evovoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.SourceAdapter;
import io.sessionsync.pipeline.SyncContext;
import io.sessionsync.reliability.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Evo Voice sessions incrementally through {@code GET /sessions}, sorted by
 * {@code dateLastModified} ascending with simplified paging, and fetches one session by id.
 *
 * <p>The API filters only by whole days ({@code StartDate}/{@code EndDate}), so the window starts one
 * day before the checkpoint's day: sessions sharing the checkpoint's timestamp or written late are
 * read again, and the pipeline skips those whose version it already holds. Only one page is held in
 * memory. The checkpoint advances after each accepted page and never moves backwards.
 */
public final class EvoVoiceSource implements SourceAdapter {
    public static final String NAME = "evovoice";
    public static final String OBJECT = "Session";
    /** How far before the checkpoint's day the window starts (dates are whole days). */
    static final Duration OVERLAP = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(EvoVoiceSource.class);

    private final EvoVoiceSettings settings;
    private final EvoVoiceClient client;
    private final Clock clock;

    public EvoVoiceSource(EvoVoiceSettings settings, ProducerTemplate template, RetryPolicy retry, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = new EvoVoiceClient(settings, Objects.requireNonNull(template, "template"),
                Objects.requireNonNull(retry, "retry"), new ObjectMapper());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void sync(SyncContext context) throws Exception {
        Optional<Instant> checkpoint = context.checkpoint(OBJECT);
        LocalDate start = windowStart(context.since(), checkpoint);
        LocalDate end = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        LOG.info("run {}: reading evovoice sessions {}..{} (checkpoint {})", context.runId(), start, end,
                checkpoint.map(Instant::toString).orElse("none"));
        Instant watermark = checkpoint.orElse(null);
        // The archive holds the older sessions, so it goes first and the watermark keeps rising.
        if (settings.searchArchive()) watermark = readWindow(context, start, end, true, watermark);
        readWindow(context, start, end, false, watermark);
    }

    LocalDate windowStart(Optional<Instant> since, Optional<Instant> checkpoint) {
        Instant from = since.orElseGet(() -> checkpoint.map(c -> c.minus(OVERLAP))
                .orElseGet(() -> clock.instant().minus(settings.initialLookback())));
        return LocalDate.ofInstant(from, ZoneOffset.UTC);
    }

    private Instant readWindow(SyncContext context, LocalDate start, LocalDate end, boolean archive,
                               Instant watermark) throws Exception {
        String previousFirstId = null;
        for (int page = 0; ; page++) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("StartDate", start.toString());
            q.put("EndDate", end.toString());
            q.put("SortField", "dateLastModified");
            q.put("SortOrder", "Ascend");
            q.put("SimplifiedPaging", "true");
            q.put("Page", Integer.toString(page));
            q.put("CountPerPage", Integer.toString(settings.countPerPage()));
            if (archive) q.put("SearchArchive", "true");
            JsonNode answer = client.listSessions(q);
            JsonNode items = answer.path("items");
            if (!items.isArray() || items.isEmpty()) return watermark;
            String firstId = items.get(0).path("id").asText(null);
            if (firstId != null && firstId.equals(previousFirstId)) {
                // A server (or proxy) that ignores Page would otherwise be paged forever.
                throw new IllegalStateException("evovoice answered page " + page + " with the same first session ("
                        + firstId + ") as page " + (page - 1) + "; is the Page parameter honoured at "
                        + settings.baseUrl() + "?");
            }
            previousFirstId = firstId;

            List<RawRecord> records = new ArrayList<>(items.size());
            Instant pageMax = null;
            for (JsonNode item : items) {
                RawRecord r = toRecord(item);
                records.add(r);
                if (r.version() != null && (pageMax == null || r.version().isAfter(pageMax))) pageMax = r.version();
            }
            context.accept(records);
            if (pageMax != null && (watermark == null || pageMax.isAfter(watermark))) {
                watermark = pageMax;
                context.saveCheckpoint(OBJECT, watermark);
            }
            JsonNode more = answer.get("hasMorePages");
            // Absent hasMorePages: keep paging until the documented empty page.
            if (more != null && more.isBoolean() && !more.booleanValue()) return watermark;
        }
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
        return new RawRecord(NAME, OBJECT, idText, version, item.toString());
    }

    @Override
    public String toString() {
        return "EvoVoiceSource[" + settings + "]";
    }
}
