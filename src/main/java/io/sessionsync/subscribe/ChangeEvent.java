package io.sessionsync.subscribe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * What session-sync reads of a Salesforce change event: its {@code ChangeEventHeader} and replay id.
 * The event is a nudge: the records are fetched by id afterwards, so the event's fields are not read.
 *
 * @param replayId base64, as camel-salesforce reports it ({@code CamelSalesforcePubSubReplayId})
 */
public record ChangeEvent(String replayId, String entityName, String changeType, List<String> recordIds,
                          Instant commitTimestamp) {

    /** The header of a change event camel-salesforce decoded into a GenericRecord. */
    public static ChangeEvent from(GenericRecord event, String replayId) {
        if (!(event.get("ChangeEventHeader") instanceof GenericRecord header)) {
            throw new IllegalArgumentException("change event " + replayId + " has no ChangeEventHeader (schema "
                    + event.getSchema().getFullName() + "): not a Change Data Capture event");
        }
        List<String> ids = new ArrayList<>();
        if (header.get("recordIds") instanceof Iterable<?> list) {
            for (Object id : list) ids.add(String.valueOf(id));
        }
        Object commit = header.get("commitTimestamp");
        return new ChangeEvent(replayId, String.valueOf(header.get("entityName")), String.valueOf(header.get("changeType")),
                List.copyOf(ids), commit instanceof Long ms ? Instant.ofEpochMilli(ms) : null);
    }

    /** A gap event: Salesforce could not build the event; the ids are known, the change is not. */
    public boolean isGap() {
        return changeType.startsWith("GAP_") && !isOverflow();
    }

    /** An overflow event: too many changes in one transaction to send; no record ids. */
    public boolean isOverflow() {
        return changeType.equals("GAP_OVERFLOW");
    }

    public boolean isDelete() {
        return changeType.equals("DELETE") || changeType.equals("GAP_DELETE");
    }
}
