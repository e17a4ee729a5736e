package io.sessionsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code type:} a mapping file may declare for a source value, with the coercer that reads it.
 * {@link #JSON} is the implicit type of pass-through attributes: the value as plain Java
 * (String, Number, Boolean, List, Map), ready to be written as JSON again.
 */
enum ValueType {
    STRING("string", String.class),
    INTEGER("integer", Integer.class),
    LONG("long", Long.class),
    BOOLEAN("boolean", Boolean.class),
    SECONDS("seconds", Long.class),
    INSTANT("instant", Instant.class),
    /** E.164 text; its coercer needs the default region, so {@link SourceFieldCompiler} supplies it ({@link PhoneNumbers}). */
    PHONE("phone", String.class),
    JSON("json", Object.class);

    final String yamlName;
    final Class<?> javaType;

    ValueType(String yamlName, Class<?> javaType) {
        this.yamlName = yamlName;
        this.javaType = javaType;
    }

    static ValueType byYamlName(String name) {
        for (ValueType t : values()) if (t.yamlName.equals(name)) return t;
        return null;
    }

    /** The type a field of this Java type reads when the mapping declares none. */
    static ValueType implicitFor(Class<?> fieldType) {
        if (fieldType == Instant.class) return INSTANT;
        if (fieldType == Long.class) return LONG;
        if (fieldType == Integer.class) return INTEGER;
        if (fieldType == Boolean.class) return BOOLEAN;
        if (fieldType == Object.class) return JSON;
        return STRING;
    }

    /**
     * The coercer that reads this type into {@code fieldType}, or null when the two do not fit
     * (e.g. {@code type: boolean} into an instant field). Integers widen to longs.
     */
    Coercer into(Class<?> fieldType) {
        if (fieldType == Object.class) return coercer();
        if (fieldType == javaType) return coercer();
        if (this == INTEGER && fieldType == Long.class) return v -> ((Integer) INTEGER.coercer().coerce(v)).longValue();
        return null;
    }

    private Coercer coercer() {
        switch (this) {
            case STRING: return ValueType::readString;
            case INTEGER: return ValueType::readInteger;
            case LONG: return v -> readLong(v, "a long");
            case BOOLEAN: return ValueType::readBoolean;
            case SECONDS: return ValueType::readSeconds;
            case INSTANT: return ValueType::readInstant;
            case PHONE: throw new IllegalStateException("type phone is read by PhoneNumbers, which knows the default region");
            default: return ValueType::toPlainJava;
        }
    }

    static String readString(JsonNode v) {
        if (v.isValueNode()) return v.asText();
        throw new BadValue("is a JSON " + kind(v) + ", not text");
    }

    static Integer readInteger(JsonNode v) {
        long n = readLong(v, "an integer");
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) throw new BadValue("is a number too large for an integer");
        return (int) n;
    }

    static long readLong(JsonNode v, String what) {
        if (v.isIntegralNumber() && v.canConvertToLong()) return v.longValue();
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.textValue().trim());
            } catch (NumberFormatException e) {
                throw new BadValue("is text that is not " + what);
            }
        }
        throw new BadValue("is a JSON " + kind(v) + ", not " + what);
    }

    static Boolean readBoolean(JsonNode v) {
        if (v.isBoolean()) return v.booleanValue();
        if (v.isIntegralNumber()) {
            long n = v.longValue();
            if (n == 0 || n == 1) return n == 1;
        }
        if (v.isTextual()) {
            String t = v.textValue();
            if ("true".equalsIgnoreCase(t) || "1".equals(t)) return Boolean.TRUE;
            if ("false".equalsIgnoreCase(t) || "0".equals(t)) return Boolean.FALSE;
        }
        throw new BadValue("is not a boolean (true/false/\"true\"/1/0)");
    }

    /** Whole seconds from a number (fractions dropped), numeric text, ISO-8601 {@code PT1M30S} or {@code hh:mm:ss}. */
    static Long readSeconds(JsonNode v) {
        if (v.isNumber()) return v.longValue();
        if (!v.isTextual()) throw new BadValue("is a JSON " + kind(v) + ", not seconds");
        String t = v.textValue().trim();
        try {
            if (!t.isEmpty() && (t.charAt(0) == 'P' || t.charAt(0) == '-' && t.length() > 1 && t.charAt(1) == 'P')) {
                return Duration.parse(t).getSeconds();
            }
            if (t.indexOf(':') > 0) return hhmmss(t);
            return (long) Double.parseDouble(t);
        } catch (RuntimeException e) {
            throw new BadValue("is text that is not a duration in seconds");
        }
    }

    private static long hhmmss(String t) {
        String[] parts = t.split(":");
        if (parts.length != 3) throw new NumberFormatException();
        return Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60 + (long) Double.parseDouble(parts[2]);
    }

    static Instant readInstant(JsonNode v) {
        if (v.isIntegralNumber()) return Instant.ofEpochMilli(v.longValue());
        if (!v.isTextual()) throw new BadValue("is a JSON " + kind(v) + ", not a timestamp");
        try {
            return Instants.parse(v.textValue().trim());
        } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
            throw new BadValue("is text that is not a timestamp this engine reads");
        }
    }

    static Object toPlainJava(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return v.textValue();
        if (v.isBoolean()) return v.booleanValue();
        if (v.isIntegralNumber()) return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
        if (v.isNumber()) return v.decimalValue();
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            for (JsonNode e : v) list.add(toPlainJava(e));
            return list;
        }
        if (v.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), toPlainJava(e.getValue()));
            }
            return map;
        }
        return v.asText();
    }

    static String kind(JsonNode v) {
        return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
