package io.sessionsync.mapping;

import io.sessionsync.model.CanonicalField;
import io.sessionsync.model.CanonicalSession;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Where a source field spec writes: a {@link CanonicalField} or a named attribute. {@code javaType}
 * is what the value must be ({@code Object} for attributes, which take any JSON value).
 */
record Slot(String name, Class<?> javaType, boolean participants, BiConsumer<CanonicalSession.Builder, Object> sink) {
    static Slot of(CanonicalField f) {
        boolean list = f.type() == CanonicalField.Type.PARTICIPANTS;
        return new Slot(f.fieldName(), list ? List.class : f.type().javaType(), list, f::set);
    }

    static Slot attribute(String qualifiedName) {
        String attr = qualifiedName.substring(CanonicalField.ATTRIBUTES_PREFIX.length());
        return new Slot(qualifiedName, Object.class, false, (b, v) -> b.attribute(attr, v));
    }

    /** A participant part (identity, name, role): always text. */
    static Slot participantPart(String name) {
        return new Slot("participants." + name, String.class, false, (b, v) -> { });
    }
}
