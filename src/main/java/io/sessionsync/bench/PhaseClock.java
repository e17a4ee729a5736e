package io.sessionsync.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;

/**
 * Times one benchmark phase: wall time (less any pauses, e.g. a baseline generating its rows), the
 * process's CPU time, the heap's peak, and the wall-clock window its profile samples fall in.
 */
final class PhaseClock {
    private final Instant startedAt;
    private final long startNanos;
    private final long startCpu;
    private long pausedNanos;
    private long pausedAt = -1;

    private PhaseClock() {
        startedAt = Instant.now();
        startNanos = System.nanoTime();
        startCpu = processCpuNanos();
    }

    /** Collects garbage left by earlier phases, resets the heap peak, and starts the clock. */
    static PhaseClock start() {
        System.gc();
        HeapPeak.reset();
        return new PhaseClock();
    }

    void pause() {
        pausedAt = System.nanoTime();
    }

    void resume() {
        pausedNanos += System.nanoTime() - pausedAt;
        pausedAt = -1;
    }

    /** What the phase took; its window is the whole phase, pauses included. */
    Reading stop() {
        long now = System.nanoTime();
        return new Reading(Duration.ofNanos(now - startNanos - pausedNanos), HeapPeak.peakBytes(),
                new PhaseWindow(startedAt, Instant.now(), processCpuNanos() - startCpu));
    }

    record Reading(Duration wall, long peakHeapBytes, PhaseWindow window) {}

    /** CPU time of every thread of this JVM (GC and JIT included), or -1 where the JVM does not say. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
