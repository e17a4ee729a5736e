package io.sessionsync.cluster;

import java.util.Optional;

/**
 * Keeps two runs of one source apart across instances sharing one store: a scheduled run on one
 * instance and a manual run on another must not page the same source at once. The lock lives in the
 * database, so it is released when its holder dies (its connection goes away).
 */
public interface RunLock {

    /**
     * Takes the lock of {@code source} without waiting.
     *
     * @return the held lock (close it to release), or empty when another instance holds it
     * @throws RuntimeException when the database cannot be asked; the run must not start then
     */
    Optional<Held> tryAcquire(String source);

    /** A held run lock. */
    interface Held extends AutoCloseable {
        /**
         * Whether this lock is still held. A database lock can be lost under a running run (its
         * connection dropped, and the database freed it), after which another instance may take it:
         * a run asks before each page and stops when this says no.
         */
        boolean isValid();

        @Override
        void close();
    }

    /** For a single instance (embedded H2): the service's own in-process lock is all there is. */
    static RunLock local() {
        return source -> Optional.of(InProcess.HELD);
    }

    /** The lock of {@link #local()}: nothing to lose, nothing to release. */
    enum InProcess implements Held {
        HELD;

        @Override public boolean isValid() { return true; }
        @Override public void close() { }
    }
}
