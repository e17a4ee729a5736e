package io.sessionsync.delivery;

import io.sessionsync.model.CanonicalSession;
import java.util.List;
import java.util.Set;

/** A system canonical sessions are written out to, besides the canonical store. */
public interface SessionTarget {

    /** The target's name in config, the delivery outbox and dead letters, e.g. {@code salesforce}. */
    String name();

    /** The sources whose sessions are configured to go to this target. */
    Set<String> sources();

    /** Whether sessions of this source are configured to go to this target. */
    default boolean accepts(String source) {
        return sources().contains(source);
    }

    /** Sessions per call: the delivery drain fills each call up to this many. */
    int batchSize();

    /**
     * Builds what would be sent for {@code session} (the target mapping and the target's own checks),
     * sending nothing: a dry run's answer to "would the target take it?". Throws what would refuse it.
     */
    void check(CanonicalSession session) throws Exception;

    /**
     * Writes a batch. Records the target rejected come back as failures (they are dead-lettered, the
     * rest of the batch stands); a failure of the whole call (transient or not) is thrown.
     */
    List<TargetFailure> write(List<CanonicalSession> sessions) throws Exception;

    /** One record the target rejected, with the target's own error code and message. */
    record TargetFailure(CanonicalSession session, String errorCode, String message) {}
}
