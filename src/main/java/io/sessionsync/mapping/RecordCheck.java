package io.sessionsync.mapping;

import io.sessionsync.model.CanonicalField;
import io.sessionsync.model.CanonicalSession;

/**
 * One compiled rule of a mapping's {@code checks:} section, e.g. {@code endedAt: { not-before: startedAt }}
 * at line 31. Checks read the mapped session, so they see values after {@code first:}, defaults and
 * type coercion, exactly what would be stored.
 */
record RecordCheck(int line, CanonicalField field, CheckRule rule, CanonicalField other) {

    /** As written in the file, e.g. {@code endedAt: not-before startedAt}: reasons quote it. */
    String describe() {
        return field.fieldName() + ": " + rule.yamlName + (other == null ? "" : " " + other.fieldName());
    }

    boolean holds(CanonicalSession session) {
        return rule.holds(field.get(session), other == null ? null : other.get(session));
    }

    /** The reason a failed record carries: the check, its line and why, never the values. */
    String failure() {
        return "check '" + describe() + "' failed (line " + line + "): "
                + rule.why(field.fieldName(), other == null ? null : other.fieldName());
    }
}
