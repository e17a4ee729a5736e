package io.sessionsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.CanonicalSession;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A compiled source mapping: turns one record of {@code source}/{@code object} (its JSON as the
 * source API sends it) into a {@link CanonicalSession}. Immutable and thread-safe; built by
 * {@link MappingRegistry}.
 */
public final class SourceMapping {
    private final String file;
    private final String source;
    private final String object;
    private final JsonPath id;
    private final JsonPath[] version;
    private final FieldRule[] rules;
    private final RecordCheck[] checks;
    private final Set<String> readFields;
    private final int memoSize;

    SourceMapping(String file, String source, String object, JsonPath id, JsonPath[] version, FieldRule[] rules,
                  List<RecordCheck> checks, Set<String> readFields, int memoSize) {
        this.file = file;
        this.source = source;
        this.object = object;
        this.id = id;
        this.version = version;
        this.rules = rules;
        this.checks = checks.toArray(new RecordCheck[0]);
        this.readFields = Set.copyOf(readFields);
        this.memoSize = memoSize;
    }

    public String source() { return source; }
    public String object() { return object; }
    /** The mapping file, as named in errors. */
    public String file() { return file; }

    /** Top-level source field names this mapping reads (a SOQL SELECT list is built from them). */
    public Set<String> readFields() { return readFields; }

    /** The record's id (text of the {@code id:} path). */
    public String idOf(JsonNode record) throws RecordMappingException {
        JsonNode v = id.read(record);
        if (v == null || !v.isValueNode() || v.asText().isEmpty()) {
            throw new RecordMappingException("id", file + ": the record has no id at '" + id + "'");
        }
        return v.asText();
    }

    /** The record's version: the first non-empty {@code version:} path, read as an instant. */
    public Instant versionOf(JsonNode record) throws RecordMappingException {
        for (JsonPath p : version) {
            JsonNode v = p.read(record);
            if (v == null || v.isTextual() && v.textValue().isEmpty()) continue;
            try {
                return ValueType.readInstant(v);
            } catch (BadValue e) {
                throw new RecordMappingException("version", file + ": version: the value at '" + p + "' " + e.getMessage());
            }
        }
        throw new RecordMappingException("version", file + ": the record has no version: "
                + (version.length == 1 ? "'" + version[0] + "' is empty" : "all of " + List.of(version) + " are empty"));
    }

    public CanonicalSession map(JsonNode record) throws RecordMappingException {
        CanonicalSession.Builder b = CanonicalSession.builder().source(source).sourceObject(object)
                .sourceId(idOf(record)).sourceUpdatedAt(versionOf(record));
        Object[] memo = memoSize == 0 ? null : new Object[memoSize];
        for (FieldRule rule : rules) rule.apply(record, memo, b);
        CanonicalSession session = b.build();
        if (checks.length > 0) check(session);
        return session;
    }

    /**
     * The mapping's {@code checks:}, all of them, so that one dead letter names every problem of the
     * record; the first failed check is the exception's field.
     */
    private void check(CanonicalSession session) throws RecordMappingException {
        StringBuilder failures = null;
        String firstField = null;
        for (RecordCheck c : checks) {
            if (c.holds(session)) continue;
            if (failures == null) {
                failures = new StringBuilder(file).append(": ");
                firstField = c.field().fieldName();
            } else {
                failures.append("; ");
            }
            failures.append(c.failure());
        }
        if (failures != null) throw new RecordMappingException(firstField, failures.toString());
    }

    @Override
    public String toString() {
        return "SourceMapping[" + source + "/" + object + " from " + file + "]";
    }
}
