package io.sessionsync.source.evovoice;

import static io.sessionsync.source.evovoice.EvoVoiceSource.BACKFILL_START;
import static io.sessionsync.source.evovoice.EvoVoiceSource.OBJECT;
import static io.sessionsync.source.evovoice.EvoVoiceSource.OVERLAP;
import static io.sessionsync.source.evovoice.EvoVoiceSource.TRAILING;
import static io.sessionsync.source.evovoice.EvoVoiceSource.TRAILING_OVERLAP;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.PageCheckpoint;
import io.sessionsync.pipeline.SyncContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's read of Evo Voice, decided here and paged by {@code routes/source-evovoice.yaml}: which
 * listings it reads and in which order, the call budget, and the checkpoint rules of
 * {@link EvoVoiceSource} (per page for backfills, once at the end for trailing re-reads). One per run,
 * carried by the run's exchange ({@link EvoVoicePages#READ}); the route reads its listings one after
 * the other, so it is used by one thread at a time.
 */
public final class EvoVoiceRead {
    /** How a run reads: see {@link EvoVoiceSource}. */
    enum Kind {
        /** The first run, or one resuming a first run cut short: a window, then the trailing checkpoint is set. */
        BACKFILL,
        /** A re-read from {@code since} (ops): a window; the checkpoint never moves back. */
        RESYNC,
        /** An incremental run: the changes since the checkpoint, live then archive. */
        TRAILING
    }

    private static final Logger LOG = LoggerFactory.getLogger(EvoVoiceRead.class);

    private final Kind kind;
    private final List<ListingRead> listings;
    private final CallBudget budget;
    private final EvoVoiceSettings settings;
    private final long runId;
    /** TRAILING: the checkpoint the re-read counts from; BACKFILL: when this run began. */
    private final Instant from;
    /** BACKFILL and RESYNC: the newest version a page moved the checkpoint to (starts at the checkpoint). */
    private Instant watermark;
    private ListingRead current;
    private boolean budgetSpent;

    private EvoVoiceRead(Kind kind, List<ListingRead> listings, EvoVoiceSettings settings, long runId, Instant from,
                         Instant watermark) {
        this.kind = kind;
        this.listings = List.copyOf(listings);
        this.budget = new CallBudget(settings.maxCallsPerRun());
        this.settings = settings;
        this.runId = runId;
        this.from = from;
        this.watermark = watermark;
    }

    /** Decides how {@code run} reads; a backfill's start is saved at once (the trailing re-reads start no later). */
    static EvoVoiceRead plan(SyncContext run, EvoVoiceSettings settings, Clock clock) {
        Optional<Instant> trailingFrom = run.checkpoint(TRAILING);
        if (trailingFrom.isPresent() && run.since().isEmpty()) {
            // An operator who set the checkpoint back (resync --reset-checkpoint) asked later runs to read on from there.
            Instant from = run.checkpoint(OBJECT).filter(o -> o.isBefore(trailingFrom.get())).orElse(trailingFrom.get());
            Instant stopAt = from.minus(TRAILING_OVERLAP);
            LOG.info("run {}: re-reading evovoice sessions changed since {} (checkpoint {}), at most {} calls",
                    run.runId(), stopAt, from, settings.maxCallsPerRun());
            // Live first, then the archive: a session archived while we page is still found in the archive.
            return new EvoVoiceRead(Kind.TRAILING, List.of(new TrailingRead(false, stopAt, settings.countPerPage()),
                    new TrailingRead(true, stopAt, settings.countPerPage())), settings, run.runId(), from, null);
        }
        // A backfill: the first run, or one resuming a first run that was cut short (from its checkpoint).
        boolean backfill = run.since().isEmpty();
        Instant runStart = clock.instant();
        if (backfill && run.checkpoint(BACKFILL_START).isEmpty()) run.saveCheckpoint(BACKFILL_START, runStart);
        Optional<Instant> checkpoint = run.checkpoint(OBJECT);
        LocalDate start = windowStart(run.since(), checkpoint, settings, clock);
        LocalDate end = LocalDate.ofInstant(runStart, ZoneOffset.UTC).plusDays(1);
        LOG.info("run {}: reading evovoice sessions {}..{} (checkpoint {})", run.runId(), start, end,
                checkpoint.map(Instant::toString).orElse("none"));
        WindowRead live = new WindowRead(false, start, end, settings.countPerPage());
        // The archive holds the older sessions, so it goes first and the watermark keeps rising.
        List<ListingRead> listings = settings.searchArchive()
                ? List.of(new WindowRead(true, start, end, settings.countPerPage()), live) : List.of(live);
        return new EvoVoiceRead(backfill ? Kind.BACKFILL : Kind.RESYNC, listings, settings, run.runId(), runStart,
                checkpoint.orElse(null));
    }

    static LocalDate windowStart(Optional<Instant> since, Optional<Instant> checkpoint, EvoVoiceSettings settings, Clock clock) {
        Instant from = since.orElseGet(() -> checkpoint.map(c -> c.minus(OVERLAP))
                .orElseGet(() -> clock.instant().minus(settings.initialLookback())));
        return LocalDate.ofInstant(from, ZoneOffset.UTC);
    }

    Kind kind() {
        return kind;
    }

    /** The listings to read, in order. */
    List<ListingRead> listings() {
        return listings;
    }

    /** Starts reading {@code listing}: the query string of its first page, or null when it is not read. */
    String start(ListingRead listing) {
        current = listing;
        return next();
    }

    /**
     * The query of the current listing's next page, or null when it is done: it ended, or, in a
     * trailing re-read, the call budget is spent (the listing and those after it stay unfinished).
     */
    String next() {
        if (current.ended() || budgetSpent) return null;
        if (kind == Kind.TRAILING && budget.spent()) {
            budgetSpent = true;
            return null;
        }
        return EvoVoiceClient.queryString(settings, current.nextQuery());
    }

    /** One request sent (retries too): what the call budget counts. */
    void sent() {
        budget.sent();
    }

    /**
     * Takes the answer to the current listing's last page: the records to hand on and, in a window
     * read, the checkpoint the page moves once it is written (only ever forwards).
     */
    Page take(JsonNode answer) {
        List<RawRecord> records = current.take(answer, settings.baseUrl());
        if (kind == Kind.TRAILING) return new Page(records, null);
        Instant pageMax = null;
        for (RawRecord r : records) {
            if (r.version() != null && (pageMax == null || r.version().isAfter(pageMax))) pageMax = r.version();
        }
        if (pageMax == null || (watermark != null && !pageMax.isAfter(watermark))) return new Page(records, null);
        watermark = pageMax;
        return new Page(records, PageCheckpoint.of(OBJECT, pageMax));
    }

    /** After the last listing: the checkpoints that move only once the whole read is done. */
    void finish(SyncContext run) {
        switch (kind) {
            case BACKFILL -> {
                // Sessions read early in the backfill may have changed since: the trailing re-reads start no
                // later than the moment the backfill began, and no later than the newest version it read.
                Instant began = run.checkpoint(BACKFILL_START).orElse(from);
                run.saveCheckpoint(TRAILING, watermark != null && watermark.isBefore(began) ? watermark : began);
            }
            case RESYNC -> { }
            case TRAILING -> finishTrailing(run);
        }
    }

    private void finishTrailing(SyncContext run) {
        TrailingRead live = (TrailingRead) listings.get(0);
        TrailingRead archive = (TrailingRead) listings.get(1);
        if (!live.ended() || !archive.ended()) {
            LOG.warn("run {}: evovoice call budget ({} calls, sessionsync.evovoice.max-calls-per-run) spent after {} live "
                    + "and {} archive pages before reaching the checkpoint {}; the checkpoint stays, the next run reads "
                    + "these changes again", runId, budget.max(), live.pages(), archive.pages(), from);
            return;
        }
        Instant newest = live.newest();
        if (archive.newest() != null && (newest == null || archive.newest().isAfter(newest))) newest = archive.newest();
        if (newest != null && newest.isAfter(from)) {
            run.saveCheckpoint(TRAILING, newest);
            run.saveCheckpoint(OBJECT, newest); // what operators see as "the" checkpoint
        }
        LOG.info("run {}: evovoice trailing re-read done in {} calls ({} live, {} archive pages)", runId,
                budget.used(), live.pages(), archive.pages());
    }

    /** A page's records to hand on, and the checkpoint it moves once written (null: none). */
    record Page(List<RawRecord> records, PageCheckpoint checkpoint) {}
}
