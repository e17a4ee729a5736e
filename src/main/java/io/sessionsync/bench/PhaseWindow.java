package io.sessionsync.bench;

import java.time.Instant;

/** When a phase ran (wall clock, to pick its profile samples) and the CPU time the whole process spent meanwhile. */
record PhaseWindow(Instant from, Instant to, long processCpuNanos) {
    boolean contains(Instant t) {
        return !t.isBefore(from) && !t.isAfter(to);
    }
}
