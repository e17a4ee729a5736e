package io.sessionsync.mapping;

import java.util.LinkedHashMap;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compiles one field spec of a source mapping (the value under {@code fields:}) into a
 * {@link FieldRule}, checking it against the field's type. Every problem stops at its line.
 */
final class SourceFieldCompiler {
    static final Set<String> KEYS = Set.of("from", "first", "template", "constant", "duration", "count", "each",
            "map", "fallback", "type", "default", "required", "by", "cases");
    private static final List<String> VALUE_SOURCES = List.of("from", "first", "template", "constant", "duration", "count", "by");
    private static final Set<String> PARTICIPANT_PARTS = Set.of("identity", "name", "role", "proxyIdentity");

    private final String file;
    private final Set<String> readFields;
    private final Map<String, Integer> instantSlots;  // null: no memo (participant parts)
    private final PhoneNumbers phones;

    /**
     * @param readFields collects the source fields the compiled rules read, as a query selects them
     *                   ({@link JsonPath#selectedField()})
     * @param phones     reads {@code type: phone} values, with the configured default region
     */
    SourceFieldCompiler(String file, Set<String> readFields, PhoneNumbers phones) {
        this(file, readFields, new HashMap<>(), phones);
    }

    private SourceFieldCompiler(String file, Set<String> readFields, Map<String, Integer> instantSlots, PhoneNumbers phones) {
        this.file = file;
        this.readFields = readFields;
        this.instantSlots = instantSlots;
        this.phones = phones;
    }

    /** How many per-record memo slots the compiled rules use. */
    int memoSize() {
        return instantSlots == null ? 0 : instantSlots.size();
    }

    private int slotOf(JsonPath p) {
        return instantSlots == null ? -1 : instantSlots.computeIfAbsent(p.toString(), k -> instantSlots.size());
    }

    FieldRule compile(Slot slot, YamlNode spec) {
        Map<String, YamlNode[]> e;
        if (spec.isScalar()) {
            e = new HashMap<>();
            e.put("from", new YamlNode[] {spec, spec});
        } else {
            e = spec.entries("field '" + slot.name() + "'");
            YamlNode.onlyKeys(e, KEYS, "field '" + slot.name() + "'");
        }
        String what = "field '" + slot.name() + "'";
        List<String> present = new ArrayList<>();
        for (String k : VALUE_SOURCES) if (e.containsKey(k)) present.add(k);
        if (present.size() != 1) {
            throw spec.error(what + " needs exactly one of " + String.join(", ", VALUE_SOURCES)
                    + (present.isEmpty() ? "" : " (has " + String.join(", ", present) + ")"));
        }
        String source = present.get(0);
        YamlNode srcNode = e.get(source)[1];
        Class<?> ft = slot.javaType();
        ValueType declared = null;
        if (e.containsKey("type")) {
            YamlNode t = e.get("type")[1];
            String name = t.text("type");
            declared = ValueType.byYamlName(name);
            if (declared == null || declared == ValueType.JSON && ft != Object.class) {
                throw t.error("unknown type '" + name + "'; known: string, integer, long, boolean, seconds, instant, phone");
            }
        }
        if (slot.participants() != e.containsKey("each")) {
            throw spec.error(slot.participants() ? what + " needs `from: <list>` and `each: {identity, name, role}`"
                    : "`each` only fills participants, not " + what);
        }
        if ((e.containsKey("map") || e.containsKey("fallback")) && !(ft.isEnum() || ft == String.class || ft == Object.class)) {
            throw (e.containsKey("map") ? e.get("map")[0] : e.get("fallback")[0]).error("`map` and `fallback` fill enum or text fields, not " + what);
        }
        if (e.containsKey("map") && !source.equals("from") && !source.equals("first")) {
            throw e.get("map")[0].error("map applies to a value read with from: or first:, not " + source + ":");
        }
        if (e.containsKey("cases") != source.equals("by")) {
            throw spec.error(what + ": by: and cases: go together (by: <path deciding>, cases: {<value>: [paths]})");
        }
        if (source.equals("by") && (ft.isEnum() || slot.participants())) throw spec.error("by: picks paths for a plain value, not " + what);
        if (e.containsKey("map") || ft.isEnum()) {
            if (declared != null && declared != ValueType.STRING) throw e.get("type")[1].error("type " + declared.yamlName + " cannot be mapped; " + what + " takes mapped text");
        }

        Extractor ex;
        String origin;
        switch (source) {
            case "constant" -> {
                ex = Extractors.constant(constant(slot, declared, srcNode, "constant"));
                origin = "the constant";
            }
            case "template" -> {
                if (ft != String.class && ft != Object.class) throw srcNode.error("a template makes text; " + what + " is not text");
                ex = template(srcNode);
                origin = "template " + srcNode.text("template");
            }
            case "duration" -> {
                if (ft != Long.class && ft != Object.class) throw srcNode.error("a duration is a number of seconds; " + what + " does not hold one");
                Map<String, YamlNode[]> d = srcNode.entries("duration");
                YamlNode.onlyKeys(d, Set.of("from", "to"), "duration");
                if (!d.containsKey("from") || !d.containsKey("to")) throw srcNode.error("duration needs from: and to:");
                JsonPath from = path(d.get("from")[1]), to = path(d.get("to")[1]);
                ex = Extractors.duration(from, slotOf(from), to, slotOf(to));
                origin = "duration " + from + " to " + to;
            }
            case "count" -> {
                if (ft != Integer.class && ft != Long.class && ft != Object.class) throw srcNode.error("a count is a number; " + what + " does not hold one");
                JsonPath p = path(srcNode);
                ex = Extractors.count(p, ft == Long.class);
                origin = p.toString();
            }
            case "by" -> {
                JsonPath by = path(srcNode);
                Coercer c = coercer(slot, declared, e, srcNode);
                Map<String, Extractor> cases = new LinkedHashMap<>();
                for (Map.Entry<String, YamlNode[]> k : e.get("cases")[1].entries("cases").entrySet()) {
                    YamlNode ps = k.getValue()[1];
                    JsonPath[] casePaths = ps.isScalar() ? new JsonPath[] {path(ps)} : paths(ps);
                    cases.put(k.getKey(), Extractors.first(casePaths, c));
                }
                if (cases.isEmpty()) throw e.get("cases")[1].error("cases needs at least one <value>: [paths]");
                ex = Extractors.byCase(by, cases);
                origin = "the case of " + by + " " + cases.keySet();
            }
            default -> {
                JsonPath[] paths = source.equals("from") ? new JsonPath[] {path(srcNode)} : paths(srcNode);
                origin = paths.length == 1 ? paths[0].toString() : "each of " + List.of(paths);
                if (slot.participants()) {
                    ex = participants(paths[0], e.get("each")[1]);
                } else if (e.containsKey("map") || ft.isEnum()) {
                    Extractor text = paths.length == 1 ? Extractors.path(paths[0], ValueType::readString)
                            : Extractors.first(paths, ValueType::readString);
                    ex = mapped(slot, text, e);
                } else {
                    ValueType t = declared != null ? declared : ValueType.implicitFor(ft);
                    Coercer c = coercer(slot, declared, e, srcNode);
                    if (paths.length > 1) ex = Extractors.first(paths, c);
                    else if (t == ValueType.STRING && ft == String.class) ex = Extractors.text(paths[0]);
                    else if (t == ValueType.INSTANT && ft == Instant.class) ex = Extractors.instant(paths[0], slotOf(paths[0]));
                    else ex = Extractors.path(paths[0], c);
                }
            }
        }
        Object def = e.containsKey("default") ? constant(slot, declared, e.get("default")[1], "default") : null;
        boolean required = false;
        if (e.containsKey("required")) {
            YamlNode r = e.get("required")[1];
            String t = r.text("required");
            if (!t.equals("true") && !t.equals("false")) throw r.error("required must be true or false");
            required = t.equals("true");
        }
        return new FieldRule(file, slot.name(), origin, ex, slot.sink(), def, required);
    }

    /** The coercer of the declared (or implicit) type into the slot's type; an error at the line when they do not fit. */
    private Coercer coercer(Slot slot, ValueType declared, Map<String, YamlNode[]> e, YamlNode srcNode) {
        Class<?> ft = slot.javaType();
        ValueType t = declared != null ? declared : ValueType.implicitFor(ft);
        Coercer c = t == ValueType.PHONE ? (ft == String.class || ft == Object.class ? phones::coerce : null) : t.into(ft);
        if (c == null) throw (e.containsKey("type") ? e.get("type")[1] : srcNode).error("type " + t.yamlName + " cannot fill field '" + slot.name() + "' (" + typeName(ft) + ")");
        return c;
    }

    private Extractor mapped(Slot slot, Extractor text, Map<String, YamlNode[]> e) {
        Map<String, Object> map = new HashMap<>();
        if (e.containsKey("map")) {
            for (Map.Entry<String, YamlNode[]> m : e.get("map")[1].entries("map").entrySet()) {
                map.put(m.getKey(), mapValue(slot, m.getValue()[1], "map"));
            }
        } else {
            for (Object c : slot.javaType().getEnumConstants()) {  // no map: the enum's own names, any case, - for _
                String n = ((Enum<?>) c).name();
                map.put(n, c);
                map.put(n.toLowerCase(Locale.ROOT), c);
                map.put(n.toLowerCase(Locale.ROOT).replace('_', '-'), c);
            }
        }
        boolean hasFallback = e.containsKey("fallback");
        Object fallback = hasFallback ? mapValue(slot, e.get("fallback")[1], "fallback") : null;
        return Extractors.mapped(text, map, fallback, hasFallback);
    }

    private static Object mapValue(Slot slot, YamlNode v, String what) {
        String text = v.text(what + " value");
        Class<?> ft = slot.javaType();
        if (!ft.isEnum()) return text;
        for (Object c : ft.getEnumConstants()) if (((Enum<?>) c).name().equals(text)) return c;
        throw v.error(enumError(slot, text, ft));
    }

    /** A constant or default, coerced at load exactly as a record value would be. */
    private Object constant(Slot slot, ValueType declared, YamlNode node, String what) {
        Class<?> ft = slot.javaType();
        if (ft.isEnum()) return mapValue(slot, node, what);
        if (slot.participants()) throw node.error("participants take no " + what);
        ValueType t = declared != null ? declared : ValueType.implicitFor(ft);
        if (t == ValueType.JSON) t = ValueType.STRING;
        Coercer c = t == ValueType.PHONE ? phones::coerce : t.into(ft);
        String text = node.text(what);
        if (c == null) throw node.error("type " + t.yamlName + " cannot fill field '" + slot.name() + "' (" + typeName(ft) + ")");
        try {
            return c.coerce(TextNode.valueOf(text));
        } catch (BadValue | ArithmeticException ex) {
            throw node.error(what + " '" + text + "' is not a valid " + typeName(ft) + " for field '" + slot.name() + "'");
        }
    }

    private Extractor participants(JsonPath list, YamlNode each) {
        Map<String, YamlNode[]> parts = each.entries("each");
        YamlNode.onlyKeys(parts, PARTICIPANT_PARTS, "each");
        SourceFieldCompiler inner = new SourceFieldCompiler(file, new HashSet<>(), null, phones);  // paths are per element
        String[] names = {"identity", "name", "role", "proxyIdentity"};
        Extractor[] ex = new Extractor[names.length];
        for (int i = 0; i < names.length; i++) {
            YamlNode[] p = parts.get(names[i]);
            ex[i] = p == null ? Extractors.constant(null) : inner.compile(Slot.participantPart(names[i]), p[1]).extractorWithDefault();
        }
        return Extractors.participants(list, ex[0], ex[1], ex[2], ex[3]);
    }

    private Extractor template(YamlNode node) {
        TemplateText text = TemplateText.parse(node, "path");
        JsonPath[] paths = new JsonPath[text.placeholders().size()];
        for (int k = 0; k < paths.length; k++) {
            String placeholder = text.placeholders().get(k);
            JsonPath p = JsonPath.parse(placeholder);
            if (p == null) throw node.error("'{" + placeholder + "}' in the template is not a path");
            readFields.add(p.selectedField());
            paths[k] = p;
        }
        return Extractors.template(text.literalArray(), paths);
    }

    JsonPath path(YamlNode node) {
        String text = node.text("a path");
        JsonPath p = JsonPath.parse(text);
        if (p == null) throw node.error("'" + text + "' is not a path (write a.b, list[0].c)");
        readFields.add(p.selectedField());
        return p;
    }

    JsonPath[] paths(YamlNode node) {
        List<YamlNode> items = node.items("first");
        if (items.isEmpty()) throw node.error("first needs at least one path");
        JsonPath[] out = new JsonPath[items.size()];
        for (int i = 0; i < out.length; i++) out[i] = path(items.get(i));
        return out;
    }

    static String enumError(Slot slot, String value, Class<?> enumType) {
        List<String> names = new ArrayList<>();
        for (Object c : enumType.getEnumConstants()) names.add(((Enum<?>) c).name());
        return "'" + value + "' is not a " + enumType.getSimpleName() + " value for field '" + slot.name() + "'; allowed: " + String.join(", ", names);
    }

    static String typeName(Class<?> t) {
        if (t.isEnum()) return t.getSimpleName();
        return switch (t.getSimpleName()) {
            case "Instant" -> "instant";
            case "Long" -> "long";
            case "Integer" -> "integer";
            case "Boolean" -> "boolean";
            case "String" -> "text";
            default -> t.getSimpleName();
        };
    }
}
