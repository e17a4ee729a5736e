package io.sessionsync.run;

/**
 * What one run did: records read from the source, written to the store (new or changed), unchanged
 * (same version already stored, or an older one), failed (dead-lettered), and skipped (a version whose
 * dead letter an operator discarded: read again, it is neither written nor lettered again).
 */
public record RunCounts(long read, long written, long unchanged, long failed, long skipped) {
    public static final RunCounts ZERO = new RunCounts(0, 0, 0, 0, 0);

    /** Counts without skipped records. */
    public RunCounts(long read, long written, long unchanged, long failed) {
        this(read, written, unchanged, failed, 0);
    }

    public RunCounts plus(RunCounts o) {
        return new RunCounts(read + o.read, written + o.written, unchanged + o.unchanged, failed + o.failed,
                skipped + o.skipped);
    }
}
