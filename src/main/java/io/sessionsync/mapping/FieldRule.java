package io.sessionsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.CanonicalSession;
import java.util.function.BiConsumer;

/** One compiled line of a source mapping: where the value comes from and which builder slot it fills. */
final class FieldRule {
    private final String file;
    private final String field;
    private final String origin;
    private final Extractor extractor;
    private final BiConsumer<CanonicalSession.Builder, Object> sink;
    private final Object defaultValue;
    private final boolean required;

    FieldRule(String file, String field, String origin, Extractor extractor,
              BiConsumer<CanonicalSession.Builder, Object> sink, Object defaultValue, boolean required) {
        this.file = file;
        this.field = field;
        this.origin = origin;
        this.extractor = extractor;
        this.sink = sink;
        this.defaultValue = defaultValue;
        this.required = required;
    }

    /** The value source with its default folded in: participant parts are read this way. */
    Extractor extractorWithDefault() {
        Extractor x = extractor;
        Object d = defaultValue;
        return d == null ? x : (r, memo) -> {
            Object v = x.extract(r, memo);
            return v == null ? d : v;
        };
    }

    void apply(JsonNode record, Object[] memo, CanonicalSession.Builder builder) throws RecordMappingException {
        Object v;
        try {
            v = extractor.extract(record, memo);
        } catch (BadValue e) {
            throw new RecordMappingException(field, file + ": field '" + field + "': the value at " + origin + " " + e.getMessage());
        }
        if (v == null) {
            if (defaultValue != null) v = defaultValue;
            else if (required) throw new RecordMappingException(field, file + ": field '" + field + "' is required, but " + origin + " is empty");
            else return;
        }
        sink.accept(builder, v);
    }
}
