package io.sessionsync.pipeline;

import io.sessionsync.model.CanonicalSession;
import java.util.List;

/** A system canonical sessions are written out to, besides the canonical store. */
public interface SessionTarget {

    /** The target's name in config and dead letters, e.g. {@code salesforce}. */
    String name();

    /** Whether sessions of this source are configured to go to this target. */
    boolean accepts(String source);

    /**
     * Writes a batch. Records the target rejected come back as failures (they are dead-lettered, the
     * rest of the batch stands); a failure of the whole call (transient or not) is thrown.
     */
    List<TargetFailure> write(List<CanonicalSession> sessions) throws Exception;

    /** One record the target rejected, with the target's own error code and message. */
    record TargetFailure(CanonicalSession session, String errorCode, String message) {}
}
