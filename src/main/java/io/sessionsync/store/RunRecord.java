package io.sessionsync.store;

import io.sessionsync.run.RunCounts;
import java.time.Instant;

/** One row of {@code sync_run}; {@code finishedAt} and {@code error} are null while it runs. */
public record RunRecord(long id, String source, String trigger, Instant startedAt, Instant finishedAt,
                        String status, RunCounts counts, String error) {}
