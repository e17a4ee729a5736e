package io.sessionsync.mapping;

import io.sessionsync.salesforce.SalesforceDateTimes;
import io.sessionsync.model.CanonicalSession;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/** One compiled output field of a target mapping. */
final class TargetRule {
    /** Reads a canonical value and makes it JSON-ready; throws {@link BadValue}. */
    @FunctionalInterface
    interface Reader {
        Object read(CanonicalSession s);
    }

    final String output;
    private final String file;
    private final String origin;
    private final Reader reader;
    private final Object defaultValue;
    private final boolean required;

    TargetRule(String file, String output, String origin, Reader reader, Object defaultValue, boolean required) {
        this.file = file;
        this.output = output;
        this.origin = origin;
        this.reader = reader;
        this.defaultValue = defaultValue;
        this.required = required;
    }

    Object value(CanonicalSession s) throws RecordMappingException {
        Object v;
        try {
            v = reader.read(s);
        } catch (BadValue e) {
            throw new RecordMappingException(output, file + ": target field '" + output + "': " + origin + " " + e.getMessage());
        }
        if (v == null) v = defaultValue;
        if (v == null && required) {
            throw new RecordMappingException(output, file + ": target field '" + output + "' is required, but " + origin + " is empty");
        }
        return v;
    }

    /** Canonical value to JSON-ready output: instants become Salesforce datetime text, enums their names. */
    static Object jsonReady(Object v) {
        if (v instanceof Instant i) return SalesforceDateTimes.format(i);
        if (v instanceof Enum<?> e) return e.name();
        return v;
    }

    static Reader plain(Function<CanonicalSession, Object> getter) {
        return s -> jsonReady(getter.apply(s));
    }

    /**
     * A {@code map:} from canonical values (enum names, or text) to output values; a value the map
     * lists as {@code ~} is omitted, an unlisted one takes the fallback or fails the record.
     */
    static Reader mapped(Function<CanonicalSession, Object> getter, Map<Object, Object> map, Object fallback, boolean hasFallback) {
        return s -> {
            Object v = getter.apply(s);
            if (v == null) return null;
            if (map.containsKey(v)) return map.get(v);
            if (hasFallback) return fallback;
            throw new BadValue("holds " + (v instanceof Enum<?> e ? e.name() : "a value") + ", which the map does not list, and no fallback is declared");
        };
    }

    static Reader template(String[] literals, Function<CanonicalSession, Object>[] getters) {
        return s -> {
            StringBuilder sb = new StringBuilder(64).append(literals[0]);
            for (int i = 0; i < getters.length; i++) {
                Object v = getters[i].apply(s);
                if (v == null) return null;
                String t = String.valueOf(jsonReady(v));
                if (t.isEmpty()) return null;
                sb.append(t).append(literals[i + 1]);
            }
            return sb.toString();
        };
    }
}
