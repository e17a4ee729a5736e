package io.sessionsync.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * The Avro schemas of the simulated change events, shaped like Salesforce's: a record
 * {@code com.sforce.eventbus.<Object>ChangeEvent} whose first field is the {@code ChangeEventHeader}
 * (entityName, recordIds, changeType, changeOrigin, transactionKey, sequenceNumber, commitTimestamp,
 * commitNumber, commitUser, nulledFields, diffFields, changedFields), then the object's fields, all
 * optional. A subscriber that treats the event as a nudge reads only the header.
 */
final class ChangeEventSchemas {
    /** Salesforce's change types, the gap and overflow ones included. */
    static final List<String> CHANGE_TYPES = List.of("CREATE", "UPDATE", "DELETE", "UNDELETE",
            "GAP_CREATE", "GAP_UPDATE", "GAP_DELETE", "GAP_UNDELETE", "GAP_OVERFLOW");

    private static final Schema HEADER = SchemaBuilder.record("ChangeEventHeader").namespace("com.sforce.eventbus").fields()
            .requiredString("entityName")
            .name("recordIds").type().array().items().stringType().noDefault()
            .name("changeType").type().enumeration("ChangeType").namespace("com.sforce.eventbus")
                .symbols(CHANGE_TYPES.toArray(String[]::new)).noDefault()
            .requiredString("changeOrigin")
            .requiredString("transactionKey")
            .requiredInt("sequenceNumber")
            .requiredLong("commitTimestamp")
            .requiredLong("commitNumber")
            .requiredString("commitUser")
            .name("nulledFields").type().array().items().stringType().noDefault()
            .name("diffFields").type().array().items().stringType().noDefault()
            .name("changedFields").type().array().items().stringType().noDefault()
            .endRecord();

    private final Map<String, Schema> byObject = new ConcurrentHashMap<>();
    private final Map<String, Schema> byId = new ConcurrentHashMap<>();

    /** The schema of {@code object}'s change events, built once. */
    Schema schema(String object) {
        return byObject.computeIfAbsent(object, o -> {
            var fields = SchemaBuilder.record(o + "ChangeEvent").namespace("com.sforce.eventbus").fields()
                    .name("ChangeEventHeader").type(HEADER).noDefault();
            for (String f : SimulatedSalesforceData.FIELDS.getOrDefault(o, Set.of()).stream().sorted().toList()) {
                fields = fields.optionalString(f);
            }
            Schema s = fields.endRecord();
            byId.put(schemaId(o), s);
            return s;
        });
    }

    /** A stable id per object, as Salesforce gives each schema version an id. */
    static String schemaId(String object) {
        return "sim-" + object.toLowerCase(Locale.ROOT) + "-v1";
    }

    /** The schema with this id, or null. */
    Schema byId(String schemaId) {
        return byId.get(schemaId);
    }

    /** One change event, Avro binary encoded as the Pub/Sub API sends it. */
    byte[] encode(SimulatedChange change, String transactionKey, int sequenceNumber, long commitNumber) {
        Schema schema = schema(change.object());
        GenericRecord header = new GenericData.Record(HEADER);
        header.put("entityName", change.object());
        header.put("recordIds", change.recordIds());
        header.put("changeType", new GenericData.EnumSymbol(HEADER.getField("changeType").schema(), change.changeType()));
        header.put("changeOrigin", "com/salesforce/api/rest/62.0;client=session-sync-sandbox");
        header.put("transactionKey", transactionKey);
        header.put("sequenceNumber", sequenceNumber);
        header.put("commitTimestamp", change.commitTimestamp().toEpochMilli());
        header.put("commitNumber", commitNumber);
        header.put("commitUser", SimulatedSalesforceData.USER_ID);
        header.put("nulledFields", List.of());
        header.put("diffFields", List.of());
        header.put("changedFields", change.changedFields());
        GenericRecord event = new GenericData.Record(schema);
        event.put("ChangeEventHeader", header);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(event, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
