package io.sessionsync.source.evovoice;

import io.sessionsync.model.RawRecord;
import io.sessionsync.run.RunCounts;
import io.sessionsync.pipeline.SyncContext;
import io.sessionsync.run.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SyncContext that records what an adapter hands it: every page, and every checkpoint save with
 * the number of pages accepted at that moment (so a test can see a save never ran ahead of its page).
 * Records without id or version count as failed, like the pipeline would dead-letter them.
 */
final class RecordingSyncContext implements SyncContext {
    record Save(String object, Instant watermark, int pagesAcceptedBefore) {}

    final List<List<RawRecord>> pages = new ArrayList<>();
    final List<Save> saves = new ArrayList<>();
    private final Map<String, Instant> checkpoints = new HashMap<>();
    private final Instant since;

    /** With a checkpoint, as after a completed backfill: the trailing re-reads start from it. */
    RecordingSyncContext(Instant checkpoint, Instant since) {
        if (checkpoint != null) {
            checkpoints.put(EvoVoiceSource.OBJECT, checkpoint);
            checkpoints.put(EvoVoiceSource.TRAILING, checkpoint);
        }
        this.since = since;
    }

    /** As after a first backfill that was cut short: a checkpoint, but no trailing one yet. */
    static RecordingSyncContext interruptedBackfill(Instant checkpoint, Instant began) {
        var ctx = new RecordingSyncContext(null, null);
        ctx.checkpoints.put(EvoVoiceSource.OBJECT, checkpoint);
        ctx.checkpoints.put(EvoVoiceSource.BACKFILL_START, began);
        return ctx;
    }

    /** As after an operator set the checkpoint back ({@code resync --reset-checkpoint}) behind the trailing one. */
    static RecordingSyncContext afterCheckpointReset(Instant trailing, Instant resetTo) {
        var ctx = new RecordingSyncContext(trailing, null);
        ctx.checkpoints.put(EvoVoiceSource.OBJECT, resetTo);
        return ctx;
    }

    /** The saves of one checkpoint object. */
    List<Save> saves(String object) {
        return saves.stream().filter(s -> s.object().equals(object)).toList();
    }

    List<RawRecord> records() {
        return pages.stream().flatMap(List::stream).toList();
    }

    @Override public long runId() { return 1; }
    @Override public Trigger trigger() { return Trigger.MANUAL; }
    @Override public Optional<Instant> since() { return Optional.ofNullable(since); }
    @Override public Optional<Instant> checkpoint(String object) { return Optional.ofNullable(checkpoints.get(object)); }

    @Override
    public void saveCheckpoint(String object, Instant watermark) {
        saves.add(new Save(object, watermark, pages.size()));
        checkpoints.put(object, watermark);
    }

    @Override
    public RunCounts accept(List<RawRecord> page) {
        pages.add(List.copyOf(page));
        long failed = page.stream().filter(r -> r.id() == null || r.version() == null).count();
        return new RunCounts(page.size(), page.size() - failed, 0, failed);
    }
}
