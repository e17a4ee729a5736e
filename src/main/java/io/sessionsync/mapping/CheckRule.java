package io.sessionsync.mapping;

import io.sessionsync.model.CanonicalField;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The rules a mapping's {@code checks:} section may state about a mapped record. A rule holds or
 * not; only {@link #REQUIRED} is about emptiness, so every other rule lets an empty value through
 * (write both when a value must be present and sound). The reasons name fields, never values.
 */
enum CheckRule {
    /** {@code startedAt: required}: the field has a value (not null, not empty text, not an empty list). */
    REQUIRED("required", false) {
        @Override
        boolean holds(Object value, Object other) {
            return !isEmpty(value);
        }

        @Override
        String why(String field, String other) {
            return field + " is empty";
        }
    },
    /** {@code durationSeconds: not-negative}: a number of zero or more. */
    NOT_NEGATIVE("not-negative", false) {
        @Override
        boolean holds(Object value, Object other) {
            return value == null || ((Number) value).longValue() >= 0;
        }

        @Override
        String why(String field, String other) {
            return field + " is negative";
        }
    },
    /** {@code endedAt: { not-before: startedAt }}: the field's time is not earlier than the other's. */
    NOT_BEFORE("not-before", true) {
        @Override
        boolean holds(Object value, Object other) {
            return value == null || other == null || !((Instant) value).isBefore((Instant) other);
        }

        @Override
        String why(String field, String other) {
            return field + " is before " + other;
        }
    };

    final String yamlName;
    /** Whether the rule names a second field ({@code { not-before: startedAt }}). */
    final boolean comparesWith;

    CheckRule(String yamlName, boolean comparesWith) {
        this.yamlName = yamlName;
        this.comparesWith = comparesWith;
    }

    /** Whether a record whose field holds {@code value} (and the compared field {@code other}) passes. */
    abstract boolean holds(Object value, Object other);

    /** Why a record failed, in field names only. */
    abstract String why(String field, String other);

    static CheckRule byYamlName(String name) {
        for (CheckRule r : values()) if (r.yamlName.equals(name)) return r;
        return null;
    }

    static List<String> yamlNames() {
        return Arrays.stream(values()).map(r -> r.yamlName).toList();
    }

    /**
     * Why this rule cannot check {@code field} (and {@code other}), or null when it can: checked
     * at load, so that at run time the casts above always hold.
     */
    String unfitFor(CanonicalField field, CanonicalField other) {
        return switch (this) {
            case REQUIRED -> null;
            case NOT_NEGATIVE -> isNumber(field) ? null
                    : "not-negative checks a number; " + field.fieldName() + " holds " + typeName(field);
            case NOT_BEFORE -> {
                for (CanonicalField f : new CanonicalField[] {field, other}) {
                    if (!f.type().equals(CanonicalField.Type.INSTANT)) {
                        yield "not-before compares timestamps; " + f.fieldName() + " holds " + typeName(f);
                    }
                }
                yield field == other ? "not-before compares a field with another field, not with itself" : null;
            }
        };
    }

    private static boolean isNumber(CanonicalField f) {
        return f.type().equals(CanonicalField.Type.LONG) || f.type().equals(CanonicalField.Type.INTEGER);
    }

    private static String typeName(CanonicalField f) {
        return f.type().isEnum() ? f.type().javaType().getSimpleName() : f.type().name();
    }

    private static boolean isEmpty(Object v) {
        return v == null || v instanceof String s && s.isEmpty() || v instanceof Collection<?> c && c.isEmpty()
                || v instanceof Map<?, ?> m && m.isEmpty();
    }
}
