package io.sessionsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.Participant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The compiled forms of the value sources a field spec may name ({@code from}, {@code first}, ...). */
final class Extractors {
    private Extractors() {}

    /** {@code from: a.b[0].c}, coerced. */
    static Extractor path(JsonPath path, Coercer coercer) {
        return (record, memo) -> {
            JsonNode v = path.read(record);
            return v == null ? null : coercer.coerce(v);
        };
    }

    /** {@code from:} a text field: the common case, without a coercer call in between. */
    static Extractor text(JsonPath path) {
        return (record, memo) -> {
            JsonNode v = path.read(record);
            return v == null ? null : ValueType.readString(v);
        };
    }

    /** {@code from:} a timestamp, parsed at most once per record when {@code slot >= 0}. */
    static Extractor instant(JsonPath path, int slot) {
        return (record, memo) -> {
            JsonNode v = path.read(record);
            return v == null ? null : instant(v, slot, memo);
        };
    }

    private static Instant instant(JsonNode v, int slot, Object[] memo) {
        if (slot < 0 || memo == null) return ValueType.readInstant(v);
        Object m = memo[slot];
        if (m != null) return (Instant) m;
        Instant i = ValueType.readInstant(v);
        memo[slot] = i;
        return i;
    }

    /**
     * {@code first: [a, b]}: the first path holding a value that is not null nor empty text and that
     * reads as a value ({@code type: phone} reads a chat id as none, so the next path is tried).
     */
    static Extractor first(JsonPath[] paths, Coercer coercer) {
        return (record, memo) -> {
            for (JsonPath p : paths) {
                JsonNode v = p.read(record);
                if (v != null && !(v.isTextual() && v.textValue().isEmpty())) {
                    Object value = coercer.coerce(v);
                    if (value != null) return value;
                }
            }
            return null;
        };
    }

    /**
     * {@code by: p, cases: {v: [paths]}}: the case named by the text at {@code p} reads the value; no
     * matching case (or no value at {@code p}) reads nothing. An Evo Voice call's customer is at its
     * from-number when it came in and at its to-number when it went out.
     */
    static Extractor byCase(JsonPath by, Map<String, Extractor> cases) {
        return (record, memo) -> {
            JsonNode v = by.read(record);
            if (v == null || !v.isValueNode()) return null;
            Extractor x = cases.get(v.asText());
            return x == null ? null : x.extract(record, memo);
        };
    }

    /** {@code map:} applied to the text another extractor read; unknown text takes the fallback. */
    static Extractor mapped(Extractor text, Map<String, Object> map, Object fallback, boolean hasFallback) {
        return (record, memo) -> {
            Object t = text.extract(record, memo);
            if (t == null) return null;
            Object v = map.get(t);
            if (v != null) return v;
            if (hasFallback) return fallback;
            throw new BadValue("holds a value the map does not list, and the field declares no fallback");
        };
    }

    /** {@code template: "twilio-proxy:{sid}"}: null when any placeholder is empty. */
    static Extractor template(String[] literals, JsonPath[] paths) {
        return (record, memo) -> {
            StringBuilder sb = new StringBuilder(64).append(literals[0]);
            for (int i = 0; i < paths.length; i++) {
                JsonNode v = paths[i].read(record);
                if (v == null) return null;
                String s = ValueType.readString(v);
                if (s.isEmpty()) return null;
                sb.append(s).append(literals[i + 1]);
            }
            return sb.toString();
        };
    }

    static Extractor constant(Object value) {
        return (record, memo) -> value;
    }

    /** {@code duration: {from: a, to: b}}: whole seconds from a to b; null unless both are present. */
    static Extractor duration(JsonPath from, int fromSlot, JsonPath to, int toSlot) {
        return (record, memo) -> {
            JsonNode a = from.read(record);
            if (a == null) return null;
            JsonNode b = to.read(record);
            if (b == null) return null;
            Instant start = instant(a, fromSlot, memo);
            Instant end = instant(b, toSlot, memo);
            return end.getEpochSecond() - start.getEpochSecond();
        };
    }

    /** {@code count: log}: the number of elements of a list (null when absent). */
    static Extractor count(JsonPath list, boolean asLong) {
        return (record, memo) -> {
            JsonNode v = list.read(record);
            if (v == null) return null;
            if (!v.isArray()) throw new BadValue("is a JSON " + ValueType.kind(v) + ", not a list to count");
            return asLong ? (Object) (long) v.size() : (Object) v.size();
        };
    }

    /** {@code each:} one participant per list element; its parts are read relative to the element. */
    static Extractor participants(JsonPath list, Extractor identity, Extractor name, Extractor role, Extractor proxyIdentity) {
        return (record, memo) -> {
            JsonNode v = list.read(record);
            if (v == null) return null;
            if (!v.isArray()) throw new BadValue("is a JSON " + ValueType.kind(v) + ", not a list of participants");
            List<Participant> out = new ArrayList<>(v.size());
            for (JsonNode e : v) {
                out.add(new Participant((String) identity.extract(e, null), (String) name.extract(e, null),
                        (String) role.extract(e, null), (String) proxyIdentity.extract(e, null)));
            }
            return out;
        };
    }
}
