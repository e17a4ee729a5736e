package io.sessionsync.source.evovoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.json.Json;
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
 * Reads Evo Voice sessions through {@code GET /sessions} and fetches one session by id.
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
 *     are backfills and spend no call budget.</li>
 * </ul>
 * Only one page is held in memory. The checkpoint never moves backwards. See docs/evovoice.md.
 */
public final class EvoVoiceSource implements SourceAdapter {
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

    private static final Logger LOG = LoggerFactory.getLogger(EvoVoiceSource.class);

    private final EvoVoiceSettings settings;
    private final EvoVoiceClient client;
    private final TrailingRead trailing;
    private final Clock clock;

    public EvoVoiceSource(EvoVoiceSettings settings, ProducerTemplate template, RetryPolicy retry, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = new EvoVoiceClient(settings, Objects.requireNonNull(template, "template"),
                Objects.requireNonNull(retry, "retry"), Json.mapper());
        this.trailing = new TrailingRead(client, settings.countPerPage(), settings.baseUrl());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void sync(SyncContext context) throws Exception {
        Optional<Instant> trailingFrom = context.checkpoint(TRAILING);
        if (trailingFrom.isPresent() && context.since().isEmpty()) {
            // An operator who set the checkpoint back (resync --reset-checkpoint) asked later runs to read on from there.
            Instant from = context.checkpoint(OBJECT).filter(o -> o.isBefore(trailingFrom.get())).orElse(trailingFrom.get());
            readTrailingChanges(context, from);
            return;
        }
        // A backfill: the first run, or one resuming a first run that was cut short (from its checkpoint).
        boolean backfill = context.since().isEmpty();
        Instant runStart = clock.instant();
        if (backfill && context.checkpoint(BACKFILL_START).isEmpty()) context.saveCheckpoint(BACKFILL_START, runStart);
        Optional<Instant> checkpoint = context.checkpoint(OBJECT);
        LocalDate start = windowStart(context.since(), checkpoint);
        LocalDate end = LocalDate.ofInstant(runStart, ZoneOffset.UTC).plusDays(1);
        LOG.info("run {}: reading evovoice sessions {}..{} (checkpoint {})", context.runId(), start, end,
                checkpoint.map(Instant::toString).orElse("none"));
        Instant watermark = checkpoint.orElse(null);
        // The archive holds the older sessions, so it goes first and the watermark keeps rising.
        if (settings.searchArchive()) watermark = readWindow(context, start, end, true, watermark);
        watermark = readWindow(context, start, end, false, watermark);
        if (backfill) {
            // Sessions read early in the backfill may have changed since: the trailing re-reads start no
            // later than the moment the backfill began, and no later than the newest version it read.
            Instant began = context.checkpoint(BACKFILL_START).orElse(runStart);
            context.saveCheckpoint(TRAILING, watermark != null && watermark.isBefore(began) ? watermark : began);
        }
    }

    private void readTrailingChanges(SyncContext context, Instant checkpoint) throws Exception {
        Instant stopAt = checkpoint.minus(TRAILING_OVERLAP);
        CallBudget budget = new CallBudget(client, settings.maxCallsPerRun());
        LOG.info("run {}: re-reading evovoice sessions changed since {} (checkpoint {}), at most {} calls",
                context.runId(), stopAt, checkpoint, budget.max());
        // Live first, then the archive: a session archived while we page is still found in the archive.
        TrailingRead.Outcome live = trailing.read(context, false, stopAt, budget);
        TrailingRead.Outcome archive = live.complete() ? trailing.read(context, true, stopAt, budget)
                : TrailingRead.Outcome.notStarted();
        if (!live.complete() || !archive.complete()) {
            LOG.warn("run {}: evovoice call budget ({} calls, sessionsync.evovoice.max-calls-per-run) spent after {} live "
                    + "and {} archive pages before reaching the checkpoint {}; the checkpoint stays, the next run reads "
                    + "these changes again", context.runId(), budget.max(), live.pages(), archive.pages(), checkpoint);
            return;
        }
        Instant newest = live.newest();
        if (archive.newest() != null && (newest == null || archive.newest().isAfter(newest))) newest = archive.newest();
        if (newest != null && newest.isAfter(checkpoint)) {
            context.saveCheckpoint(TRAILING, newest);
            context.saveCheckpoint(OBJECT, newest); // what operators see as "the" checkpoint
        }
        LOG.info("run {}: evovoice trailing re-read done in {} calls ({} live, {} archive pages)", context.runId(),
                budget.used(), live.pages(), archive.pages());
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
        return new RawRecord(NAME, OBJECT, idText, version, item);
    }

    @Override
    public String toString() {
        return "EvoVoiceSource[" + settings + "]";
    }
}
