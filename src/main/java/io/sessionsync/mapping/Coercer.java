package io.sessionsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns one non-null JSON value into the Java type its canonical field holds; throws {@link BadValue}. */
@FunctionalInterface
interface Coercer {
    Object coerce(JsonNode value);
}
