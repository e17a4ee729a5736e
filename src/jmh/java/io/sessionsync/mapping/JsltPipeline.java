package io.sessionsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.FunctionUtils;
import com.schibsted.spt.data.jslt.Parser;
import io.sessionsync.model.CanonicalField;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.Participant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSLT way to do the same mapping: a JSLT expression turns the record into canonical JSON, and
 * a generic converter turns that JSON into a {@link CanonicalSession} (as a JSLT-based engine would).
 */
public final class JsltPipeline {
    private final Expression expression;

    JsltPipeline(String resource) {
        try {
            expression = Parser.compileResource(resource, List.of(
                    FunctionUtils.wrapStaticMethod("seconds-between", JsltPipeline.class.getName(), "secondsBetween")));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSLT extension: whole seconds between two timestamps in any source format. */
    public static long secondsBetween(String from, String to) {
        return Instants.parse(to).getEpochSecond() - Instants.parse(from).getEpochSecond();
    }

    CanonicalSession map(JsonNode record) {
        return toSession(expression.apply(record));
    }

    static CanonicalSession toSession(JsonNode out) {
        CanonicalSession.Builder b = CanonicalSession.builder();
        for (Iterator<Map.Entry<String, JsonNode>> it = out.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            switch (name) {
                case "source" -> b.source(v.textValue());
                case "sourceObject" -> b.sourceObject(v.textValue());
                case "attributes" -> v.fields().forEachRemaining(a -> b.attribute(a.getKey(), ValueType.toPlainJava(a.getValue())));
                default -> {
                    CanonicalField f = CanonicalField.byName(name).orElseThrow();
                    f.set(b, value(f, v));
                }
            }
        }
        return b.build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(CanonicalField f, JsonNode v) {
        Class<?> t = f.type().javaType();
        if (f == CanonicalField.PARTICIPANTS) {
            List<Participant> ps = new ArrayList<>();
            for (JsonNode p : v) ps.add(new Participant(text(p.get("identity")), text(p.get("name")), text(p.get("role"))));
            return ps;
        }
        if (t.isEnum()) return Enum.valueOf((Class) t, v.textValue());
        if (t == Instant.class) return Instants.parse(v.textValue());
        if (t == Long.class) return v.longValue();
        if (t == Integer.class) return v.intValue();
        if (t == Boolean.class) return v.booleanValue();
        return v.asText();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
