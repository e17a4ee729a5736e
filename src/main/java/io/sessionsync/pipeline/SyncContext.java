package io.sessionsync.pipeline;

import io.sessionsync.run.Trigger;
import io.sessionsync.run.RunCounts;
import io.sessionsync.model.RawRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a source adapter may use during one run. */
public interface SyncContext {

    /** The run's id in {@code sync_run}, for logs. */
    long runId();

    Trigger trigger();

    /**
     * Where a re-read should start instead of the checkpoint (ops "re-sync a window"), or empty for a
     * normal incremental run.
     */
    Optional<Instant> since();

    /** The stored watermark of {@code object} in this source, empty before the first run. */
    Optional<Instant> checkpoint(String object);

    /** Moves the watermark of {@code object}; call only after the page that reached it was accepted. */
    void saveCheckpoint(String object, Instant watermark);

    /**
     * Maps, writes and dead-letters one page. Records whose version the store already holds are
     * counted unchanged and not rewritten. Returns this page's counts (they are also added to the run).
     */
    RunCounts accept(List<RawRecord> page);
}
