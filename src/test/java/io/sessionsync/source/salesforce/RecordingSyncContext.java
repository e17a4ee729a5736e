package io.sessionsync.source.salesforce;

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

/** A SyncContext that records pages and checkpoints in memory, for tests of source adapters. */
final class RecordingSyncContext implements SyncContext {
    final Trigger trigger;
    final Map<String, Instant> checkpoints = new HashMap<>();
    final List<List<RawRecord>> pages = new ArrayList<>();
    /** Each saveCheckpoint call, in order, as "object=instant". */
    final List<String> checkpointLog = new ArrayList<>();

    RecordingSyncContext(Trigger trigger) {
        this.trigger = trigger;
    }

    /** The same checkpoints, a new run. */
    RecordingSyncContext nextRun(Trigger trigger) {
        RecordingSyncContext next = new RecordingSyncContext(trigger);
        next.checkpoints.putAll(checkpoints);
        return next;
    }

    List<RawRecord> records() {
        return pages.stream().flatMap(List::stream).toList();
    }

    List<RawRecord> records(String object) {
        return records().stream().filter(r -> r.object().equals(object)).toList();
    }

    @Override public long runId() { return 42; }
    @Override public Trigger trigger() { return trigger; }
    @Override public Optional<Instant> since() { return Optional.empty(); }
    @Override public Optional<Instant> checkpoint(String object) { return Optional.ofNullable(checkpoints.get(object)); }

    @Override
    public void saveCheckpoint(String object, Instant watermark) {
        checkpoints.put(object, watermark);
        checkpointLog.add(object + "=" + watermark);
    }

    @Override
    public RunCounts accept(List<RawRecord> page) {
        pages.add(List.copyOf(page));
        return new RunCounts(page.size(), page.size(), 0, 0);
    }
}
