package io.sessionsync.run;

/**
 * What one run did: records read from the source, written to the store (new or changed), unchanged
 * (same version already stored, or an older one), and failed (dead-lettered).
 */
public record RunCounts(long read, long written, long unchanged, long failed) {
    public static final RunCounts ZERO = new RunCounts(0, 0, 0, 0);

    public RunCounts plus(RunCounts o) {
        return new RunCounts(read + o.read, written + o.written, unchanged + o.unchanged, failed + o.failed);
    }
}
