package io.sessionsync.pipeline;

import io.sessionsync.mapping.RecordMappingException;
import io.sessionsync.run.Trigger;
import io.sessionsync.run.RunCounts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.mapping.SourceMapping;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.RawRecord;
import io.sessionsync.reliability.ErrorClassifier;
import io.sessionsync.reliability.FailureReason;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.SessionStore;
import io.sessionsync.store.StoredPages;
import io.sessionsync.store.UpsertResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw record -> mapping -> canonical store, one page at a time. The store queues each written session
 * for its targets in the same transaction (the delivery outbox), and {@link io.sessionsync.delivery.TargetDelivery}
 * sends them; so a target outage never fails or holds back a page. A record that fails for good is
 * dead-lettered with its raw JSON and the reason, and never holds back the rest of its page.
 * A transient failure that outlasts its retries is thrown: the run fails, the checkpoint stays, and
 * the next run reads the page again (upserts make that harmless).
 */
public final class RecordPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(RecordPipeline.class);

    public static final String STAGE_MAPPING = "mapping";
    public static final String STAGE_STORE = "store";
    public static final String STAGE_ENRICH = "enrich";

    private final MappingRegistry mappings;
    private final SessionStore store;
    private final DeadLetterStore deadLetters;
    private final RetryPolicy retry;
    private final Map<String, RecordEnricher> enrichers = new HashMap<>();

    public RecordPipeline(MappingRegistry mappings, SessionStore store, DeadLetterStore deadLetters, RetryPolicy retry) {
        this(mappings, store, deadLetters, retry, List.of());
    }

    /** @param enrichers at most one per source: called with each new or changed record before it is mapped */
    public RecordPipeline(MappingRegistry mappings, SessionStore store, DeadLetterStore deadLetters, RetryPolicy retry,
                          List<RecordEnricher> enrichers) {
        this.mappings = mappings;
        this.store = store;
        this.deadLetters = deadLetters;
        this.retry = retry;
        for (RecordEnricher e : enrichers) this.enrichers.put(e.source(), e);
    }

    /**
     * Processes one page. Unless {@code trigger} is a replay, records whose version the store already
     * holds (or a newer one) are counted unchanged without being mapped.
     */
    public RunCounts process(List<RawRecord> page, Trigger trigger) throws Exception {
        return process(page, trigger, new LetterTally());
    }

    /** As {@link #process(List, Trigger)}, counting the dead letters it writes in {@code letters}. */
    public RunCounts process(List<RawRecord> page, Trigger trigger, LetterTally letters) throws Exception {
        if (page.isEmpty()) return RunCounts.ZERO;
        Map<String, List<RawRecord>> bySource = new LinkedHashMap<>();
        for (RawRecord r : page) bySource.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r);
        RunCounts total = RunCounts.ZERO;
        for (Map.Entry<String, List<RawRecord>> e : bySource.entrySet()) {
            total = total.plus(processSource(e.getKey(), e.getValue(), trigger, letters));
        }
        return total;
    }

    private RunCounts processSource(String source, List<RawRecord> records, Trigger trigger, LetterTally letters) throws Exception {
        // Outside a route (webhook records, replays) the steps run here, each under the same retry
        // policy the routes' redelivery uses; routes/pipeline.yaml runs them as route steps.
        PageWork work = new PageWork(source, records, trigger, letters);
        retry.call("reading stored versions of " + records.size() + " " + source + " sessions", () -> { skipUnchanged(work); return null; });
        retry.call("mapping " + work.candidates.size() + " " + source + " records", () -> { map(work); return null; });
        retry.call("store upsert of " + work.mapped.size() + " " + source + " sessions", () -> { upsert(work); return null; });
        retry.call("settling dead letters of " + source + " records", () -> { settleLetters(work); return null; });
        return work.counts();
    }

    /**
     * Readies a page read ahead, on the reading thread while the page before it is written (the thread a
     * run waits on): unless the page is stored unchanged (one lookup), each record's tree is built here,
     * so that writing it only maps. Trees are built lazily ({@link RawRecord#node()}) so that an unchanged
     * page builds none; building them in the writing step instead cost a 300k backfill about a fifth of
     * its speed (interleaved A/B in docs/scale.md). Only a head start: the page's own steps decide again.
     */
    public void prepare(String source, String pageKey, List<RawRecord> records) {
        String digest = pageKey == null ? null : PageDigest.of(records);
        if (digest != null && store.pages().holds(new StoredPages.Page(source, pageKey, digest))) return;
        for (RawRecord r : records) {
            try {
                r.node();
            } catch (JsonProcessingException e) {
                // not JSON: the map step dead-letters it with this reason
            }
        }
    }

    /**
     * Step 1: unless the page is a replay, drops the records whose version the store already holds (or
     * a newer one); they are counted unchanged and never mapped. A page the source can place (a page
     * key) and that lists exactly what it listed when last written in full is unchanged as a whole, by
     * one lookup ({@link StoredPages}); any other page costs one keyed lookup of its records' versions,
     * unless the run's last lookup found nothing stored ({@link VersionLookups}: a backfill).
     */
    public void skipUnchanged(PageWork work) throws Exception {
        if (work.trigger == Trigger.REPLAY) {
            work.candidates = work.records;
        } else {
            String digest = work.pageKey == null ? null : PageDigest.of(work.records);
            work.page = digest == null ? null : new StoredPages.Page(work.source, work.pageKey, digest);
            boolean pageStored = work.page != null && store.pages().holds(work.page);
            work.pageRemembered = pageStored;
            if (pageStored) work.candidates = List.of();
            else if (work.versionLookups.worthIt()) work.candidates = withoutUnchanged(work.source, work.records, work.versionLookups);
            else work.candidates = work.records;
        }
        work.unchangedBeforeMapping = work.records.size() - work.candidates.size();
    }

    /**
     * Step 2: enriches (Twilio Participants) and maps each candidate; a record that fails for good is
     * dead-lettered on its own. Safe to repeat: a retried step starts again from the candidates.
     */
    public void map(PageWork work) throws Exception {
        work.resetMapping();
        RecordEnricher enricher = enrichers.get(work.source);
        for (RawRecord listed : work.candidates) {
            RawRecord raw = listed;
            if (enricher != null) {
                try {
                    raw = enricher.enrich(listed);
                } catch (Exception ex) {
                    if (ErrorClassifier.isTransient(ex)) throw ex;
                    work.lettered(deadLetter(listed, STAGE_ENRICH, ex, work.letters));
                    continue;
                }
            }
            try {
                CanonicalSession s = map(raw);
                // Two versions of one record in a page: keep the newer, so the store sees one per key.
                RawRecord previous = work.rawBySourceId.put(s.sourceId(), raw);
                if (previous != null) work.mappingUnchanged++;
                work.mapped.add(s);
            } catch (Exception ex) {
                work.lettered(deadLetter(raw, STAGE_MAPPING, ex, work.letters));
            }
        }
    }

    /**
     * Step 3: one monotonic batch upsert (the store queues the written sessions for their targets in the
     * same transaction). If a record poisons the batch, the page is written one by one and the bad
     * records dead-lettered; a transient failure is thrown for the route to retry the step.
     */
    public void upsert(PageWork work) throws Exception {
        work.resetStore();
        List<CanonicalSession> mapped = work.mapped;
        String source = work.source;
        try {
            // Every record of the page not in this batch is stored or unchanged: the batch's transaction
            // can remember the page as stored in full, if it commits.
            boolean wholePage = work.page != null && work.mappingFailed == 0 && work.mappingSkipped == 0;
            UpsertResult result = store.upsert(mapped, wholePage ? work.page : null);
            work.written.addAll(result.written());
            work.storeUnchanged += result.unchanged();
            work.versionLookups.upserted(result.unchanged());
            if (wholePage && !mapped.isEmpty()) work.pageRemembered = true;
        } catch (Exception ex) {
            if (ErrorClassifier.isTransient(ex)) throw ex;
            LOG.warn("Batch upsert of {} {} sessions failed permanently, writing them one by one: {}",
                    mapped.size(), source, FailureReason.of(ex));
            for (CanonicalSession s : mapped) {
                if (work.unrolled.contains(s.sourceId())) continue; // done before a retried step
                try {
                    UpsertResult one = store.upsert(List.of(s));
                    work.written.addAll(one.written());
                    work.storeUnchanged += one.unchanged();
                    work.versionLookups.upserted(one.unchanged());
                } catch (Exception single) {
                    if (ErrorClassifier.isTransient(single)) throw single;
                    work.storeLettered(deadLetter(work.rawBySourceId.get(s.sourceId()), STAGE_STORE, single, work.letters));
                    work.failedIds.add(s.sourceId());
                }
                work.unrolled.add(s.sourceId());
            }
        }
    }

    /**
     * Step 4: a newer version of a dead-lettered record was mapped and stored: its old mapping and store
     * letters are settled, with one statement per page. Its target letters are settled by the delivery
     * that takes it ({@link io.sessionsync.delivery.TargetDelivery}); unchanged records settle nothing.
     */
    public void settleLetters(PageWork work) throws Exception {
        // One statement that touches only pending letters (a partial index): cheap when there are none.
        if (work.written.isEmpty()) return;
        List<String> ids = new ArrayList<>(work.written.size());
        for (CanonicalSession s : work.written) if (!work.failedIds.contains(s.sourceId())) ids.add(s.sourceId());
        deadLetters.resolveStages(work.source, ids, List.of(STAGE_ENRICH, STAGE_MAPPING, STAGE_STORE));
    }

    /**
     * Step 5: a placed page of which every record is now stored (none failed or skipped as a discarded
     * version) is remembered with its digest, so the next run finds it unchanged with one lookup. Most
     * pages were remembered by their upsert's own transaction already; this step covers the rest (a page
     * with nothing to write, or one whose batch was written record by record).
     */
    public void rememberPage(PageWork work) {
        if (work.page == null || work.pageRemembered) return; // not placed, or the upsert's transaction did
        RunCounts counts = work.counts();
        if (counts.failed() > 0 || counts.skipped() > 0) return;
        store.pages().save(work.page);
        work.pageRemembered = true;
    }

    private List<RawRecord> withoutUnchanged(String source, List<RawRecord> records, VersionLookups lookups) throws Exception {
        List<String> ids = new ArrayList<>(records.size());
        for (RawRecord r : records) if (r.id() != null && r.version() != null) ids.add(r.id());
        if (ids.isEmpty()) return records;
        Map<String, Instant> stored = store.storedVersions(source, ids);
        lookups.looked(stored.size());
        if (stored.isEmpty()) return records;
        List<RawRecord> changed = new ArrayList<>(records.size());
        for (RawRecord r : records) {
            Instant have = r.id() == null ? null : stored.get(r.id());
            if (have == null || r.version() == null || r.version().isAfter(have)) changed.add(r);
        }
        return changed;
    }

    private CanonicalSession map(RawRecord raw) throws Exception {
        Optional<SourceMapping> mapping = mappings.source(raw.source(), raw.object());
        if (mapping.isEmpty()) {
            throw new RecordMappingException("object",
                    "no mapping file for source " + raw.source() + " object " + raw.object());
        }
        JsonNode node;
        try {
            node = raw.node();
        } catch (JsonProcessingException e) {
            throw new RecordMappingException("json",
                    "record is not valid JSON: " + e.getOriginalMessage());
        }
        return mapping.get().map(node);
    }

    /**
     * Records the failure; false when an operator had discarded the letter of this very version (the
     * record is skipped, not lettered again). Logged at WARN only when the letter is new or changed.
     */
    private boolean deadLetter(RawRecord raw, String stage, Exception ex, LetterTally letters) throws Exception {
        String code = ErrorClassifier.errorCode(ex).orElse(null);
        String message = FailureReason.of(ex);
        RawRecord keyed = withLetterKey(raw);
        DeadLetterStore.Recorded letter = deadLetters.letter(keyed, stage, ex.getClass().getSimpleName(), code, message);
        letters.add(stage + "/" + (code != null ? code : ex.getClass().getSimpleName()), letter.outcome());
        if (letter.isNews()) {
            LOG.warn("Dead letter {} ({}) for {} at stage {}: {}", letter.id(),
                    letter.outcome() == DeadLetterStore.Outcome.CREATED ? "new" : "changed", keyed.key(), stage, message);
        } else {
            LOG.debug("Dead letter {} for {} at stage {}: {} ({})", letter.id(), keyed.key(), stage, message, letter.outcome());
        }
        return letter.outcome() != DeadLetterStore.Outcome.SKIPPED_DISCARDED;
    }

    /**
     * A record too broken to name its own id is keyed by its payload's hash, so re-reading the same
     * broken record updates one letter instead of adding one per run.
     */
    static RawRecord withLetterKey(RawRecord raw) {
        if (raw.id() != null && !raw.id().isBlank()) return raw;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(raw.json().getBytes(StandardCharsets.UTF_8));
            String key = "no-id:sha256:" + HexFormat.of().formatHex(digest, 0, 16);
            return raw.withId(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
