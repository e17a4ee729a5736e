package io.sessionsync.ops;

import io.sessionsync.pipeline.RunSummary;
import java.util.List;

/** The result of a replay: one recorded run per source, and what happened to each letter. */
public record ReplayReport(List<RunSummary> runs, List<ReplayOutcome> letters) {
    public long replayed() {
        return letters.stream().filter(o -> ReplayOutcome.REPLAYED.equals(o.result())).count();
    }

    public long stillFailing() {
        return letters.size() - replayed();
    }
}
