package io.sessionsync.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * One change to the simulated org, as its change event will tell it.
 *
 * @param commitTimestamp the wall-clock time of the commit (Salesforce's {@code commitTimestamp})
 */
public record SimulatedChange(String object, List<String> recordIds, String changeType, List<String> changedFields,
                              Instant commitTimestamp) {
    public SimulatedChange {
        recordIds = List.copyOf(recordIds);
        changedFields = List.copyOf(changedFields);
        if (!ChangeEventSchemas.CHANGE_TYPES.contains(changeType)) throw new IllegalArgumentException("not a change type: " + changeType);
    }
}
