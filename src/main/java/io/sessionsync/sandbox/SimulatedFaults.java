package io.sessionsync.sandbox;

import java.util.Random;

/**
 * Injected faults for fault-injection runs. One seeded generator for all of them, so a run with the
 * same rates and the same calls meets the same faults.
 */
final class SimulatedFaults {
    private final Random random = new Random(42);
    private volatile double transientFailureRate;
    private volatile double rowLockRate;

    void transientFailureRate(double rate) { transientFailureRate = rate; }

    void rowLockRate(double rate) { rowLockRate = rate; }

    /** Whether this data call answers 503 SERVER_UNAVAILABLE. */
    boolean transientFailure() { return roll(transientFailureRate); }

    /** Whether this upserted record answers UNABLE_TO_LOCK_ROW. */
    boolean rowLocked() { return roll(rowLockRate); }

    private boolean roll(double rate) {
        if (rate <= 0) return false;
        synchronized (random) {
            return random.nextDouble() < rate;
        }
    }
}
