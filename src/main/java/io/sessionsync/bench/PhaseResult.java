package io.sessionsync.bench;

import java.time.Duration;

/**
 * What one benchmark phase did: records read and written (and unchanged/failed for pipeline runs),
 * wall time, peak heap, API calls made to the (simulated) remote system, and when it ran (for its
 * costs per stage; null for a phase whose costs are not reported).
 */
public record PhaseResult(String name, long read, long written, long unchanged, long failed, Duration wall,
                          long peakHeapBytes, long apiCalls, PhaseWindow window) {

    public PhaseResult(String name, long read, long written, long unchanged, long failed, Duration wall,
                       long peakHeapBytes, long apiCalls) {
        this(name, read, written, unchanged, failed, wall, peakHeapBytes, apiCalls, null);
    }

    /** This result, with its costs per stage reported from the samples taken in {@code window}. */
    PhaseResult withCosts(PhaseWindow window) {
        return new PhaseResult(name, read, written, unchanged, failed, wall, peakHeapBytes, apiCalls, window);
    }

    public double recordsPerSecond() {
        double s = wall.toNanos() / 1e9;
        return s <= 0 ? 0 : read / s;
    }
}
