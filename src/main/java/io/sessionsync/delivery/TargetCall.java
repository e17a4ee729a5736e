package io.sessionsync.delivery;

import io.sessionsync.delivery.SessionTarget.TargetFailure;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.reliability.RemoteCallException;
import java.util.ArrayList;
import java.util.List;

/**
 * One call to a target, as it goes through its route: the sessions to send and their records, in the
 * same order, and what the target refused. A record refused for now (Salesforce's UNABLE_TO_LOCK_ROW
 * in a 200 answer) is kept for the next attempt and the others dropped from it, so that a retried call
 * sends only those again; a record refused for good becomes a failure. Exchange property {@value #PROPERTY}.
 */
public final class TargetCall {
    /** Exchange property holding the call in flight. */
    public static final String PROPERTY = "deliveryCall";

    private final String target;
    private List<CanonicalSession> sessions;
    private List<Object> records;
    private final List<TargetFailure> failures = new ArrayList<>();

    /** @param refusedBeforehand sessions the target mapping could not turn into a record: never sent */
    public TargetCall(String target, List<CanonicalSession> sessions, List<?> records, List<TargetFailure> refusedBeforehand) {
        if (sessions.size() != records.size()) throw new IllegalArgumentException(sessions.size() + " sessions, " + records.size() + " records");
        this.target = target;
        this.sessions = List.copyOf(sessions);
        this.records = List.copyOf(records);
        this.failures.addAll(refusedBeforehand);
    }

    /** The records to send now, in order (the body of the call's route). */
    public List<Object> records() {
        return records;
    }

    public List<CanonicalSession> sessions() {
        return sessions;
    }

    public boolean hasRecords() {
        return !records.isEmpty();
    }

    /** The sessions refused for good so far (by the target mapping, or by the target). */
    public List<TargetFailure> failures() {
        return List.copyOf(failures);
    }

    public void refused(TargetFailure failure) {
        failures.add(failure);
    }

    /**
     * The target refused {@code again} (indexes into this attempt's records) for now: the call keeps only
     * those and throws, transient, so that the route's retry sends them, and only them, again.
     */
    public void refusedForNow(List<Integer> again, String code) {
        List<CanonicalSession> s = new ArrayList<>(again.size());
        List<Object> r = new ArrayList<>(again.size());
        for (int i : again) {
            s.add(sessions.get(i));
            r.add(records.get(i));
        }
        sessions = List.copyOf(s);
        records = List.copyOf(r);
        throw new RemoteCallException(target, 503, code, again.size() + " records refused for now", null, null);
    }
}
