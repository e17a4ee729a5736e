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
     * Builds one call of at most {@link #batchSize()} sessions: their records, and the sessions the target
     * mapping refuses (never sent). The call goes through the target's route ({@link #endpoint()}).
     */
    TargetCall call(List<CanonicalSession> sessions);

    /**
     * The route of one call ({@code direct:...}): body the call's records, exchange property
     * {@link TargetCall#PROPERTY} the call. It records the target's refusals in the call, and throws, as
     * transient, when records were refused for now.
     */
    String endpoint();

    /** One record the target rejected, with the target's own error code and message. */
    record TargetFailure(CanonicalSession session, String errorCode, String message) {}
}
