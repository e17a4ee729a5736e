package io.sessionsync.pipeline;

import io.sessionsync.store.DeadLetterStore;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dead letters one run wrote, counted by reason (stage and error code or class) and by outcome, for
 * the run's one summary line: an operator hears of each new or changed letter once, and of the rest as
 * a count, instead of a WARN per broken record on every run forever.
 */
public final class LetterTally {
    private final Map<String, long[]> byReason = new TreeMap<>();

    /** Counts one recorded failure under {@code reason}. */
    public synchronized void add(String reason, DeadLetterStore.Outcome outcome) {
        long[] n = byReason.computeIfAbsent(reason, k -> new long[DeadLetterStore.Outcome.values().length]);
        n[outcome.ordinal()]++;
    }

    public synchronized boolean isEmpty() {
        return byReason.isEmpty();
    }

    /** E.g. {@code mapping/RecordMappingException: 3 new, 21 again; salesforce/MAPPING: 1 changed, 2 skipped (discarded)}. */
    @Override
    public synchronized String toString() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, long[]> e : byReason.entrySet()) {
            if (out.length() > 0) out.append("; ");
            out.append(e.getKey()).append(":");
            long[] n = e.getValue();
            String sep = " ";
            for (DeadLetterStore.Outcome o : DeadLetterStore.Outcome.values()) {
                if (n[o.ordinal()] == 0) continue;
                out.append(sep).append(n[o.ordinal()]).append(' ').append(label(o));
                sep = ", ";
            }
        }
        return out.toString();
    }

    private static String label(DeadLetterStore.Outcome o) {
        return switch (o) {
            case CREATED -> "new";
            case CHANGED -> "changed";
            case REPEATED -> "again";
            case SKIPPED_DISCARDED -> "skipped (discarded)";
        };
    }
}
