package io.sessionsync.ops;

import io.sessionsync.store.DeadLetter;
import io.sessionsync.store.DeadLetterFilter;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.RunRecord;
import io.sessionsync.store.RunStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator reads from the store alone: dead letters and runs. The admin API reaches it through
 * {@link OpsService}; the CLI's read-only commands ({@code dead-letters list|show}, {@code runs}) use it
 * on a store opened without the app (no Camel, no simulators, no migration).
 */
public final class StoreReads {
    private final DeadLetterStore deadLetters;
    private final RunStore runs;

    public StoreReads(DeadLetterStore deadLetters, RunStore runs) {
        this.deadLetters = deadLetters;
        this.runs = runs;
    }

    public List<DeadLetter> list(DeadLetterFilter filter) {
        return deadLetters.list(filter);
    }

    /** How many letters match the filter, whatever its limit. */
    public long count(DeadLetterFilter filter) {
        return deadLetters.count(filter);
    }

    /**
     * A list as {@code GET /ops/dead-letters} and {@code dead-letters list --json} answer it: count, total,
     * and each letter's {@link DeadLetterView#summary} (payloads left out: they can be large and hold
     * personal data; {@link #show} gives one).
     */
    public Map<String, Object> listAnswer(DeadLetterFilter filter) {
        List<DeadLetter> letters = list(filter);
        return listAnswer(letters, count(filter));
    }

    /** {@link #listAnswer(DeadLetterFilter)} for letters already read, {@code total} matching in all. */
    public static Map<String, Object> listAnswer(List<DeadLetter> letters, long total) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("count", letters.size());
        answer.put("total", total);
        answer.put("deadLetters", letters.stream().map(DeadLetterView::summary).toList());
        return answer;
    }

    public DeadLetter show(long id) {
        return deadLetters.find(id).orElseThrow(() -> new NotFound("no dead letter " + id));
    }

    /** One recorded run, running or finished. */
    public RunRecord run(long id) {
        return runs.find(id).orElseThrow(() -> new NotFound("no run " + id));
    }

    public List<RunRecord> recentRuns(int limit) {
        return runs.recent(limit);
    }
}
