package io.sessionsync.bench;

import java.time.Duration;

/**
 * What one benchmark phase did: records read and written (and unchanged/failed for pipeline runs),
 * wall time, peak heap, and API calls made to the (simulated) remote system.
 */
public record PhaseResult(String name, long read, long written, long unchanged, long failed, Duration wall,
                          long peakHeapBytes, long apiCalls) {

    public double recordsPerSecond() {
        double s = wall.toNanos() / 1e9;
        return s <= 0 ? 0 : read / s;
    }
}
