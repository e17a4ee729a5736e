package io.sessionsync.mapping;

import io.sessionsync.model.CanonicalField;
import io.sessionsync.model.CanonicalSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Compiles a target mapping file: {@code target}, {@code object}, {@code key}, and output fields
 * whose {@code from} names canonical fields. Output names are checked as Salesforce API names.
 */
final class TargetMappingCompiler {
    static final Set<String> HEADER = Set.of("target", "object", "key", "fields", "description");
    static final Set<String> KEYS = Set.of("from", "first", "template", "constant", "map", "fallback", "default", "required");

    private TargetMappingCompiler() {}

    static TargetMapping compile(YamlNode root) {
        String file = root.file;
        Map<String, YamlNode[]> h = root.entries("a mapping file");
        YamlNode.onlyKeys(h, HEADER, "a target mapping");
        String target = SourceMappingCompiler.required(root, h, "target").text("target");
        String object = SourceMappingCompiler.required(root, h, "object").text("object");
        YamlNode keyNode = SourceMappingCompiler.required(root, h, "key");
        String key = keyNode.text("key");
        Map<String, YamlNode[]> fields = SourceMappingCompiler.required(root, h, "fields").entries("fields");
        if (!fields.containsKey(key)) throw keyNode.error("the key field '" + key + "' is not among the fields");
        List<TargetRule> rules = new ArrayList<>();
        for (Map.Entry<String, YamlNode[]> e : fields.entrySet()) {
            rules.add(rule(file, e.getKey(), e.getValue()[0], e.getValue()[1], e.getKey().equals(key)));
        }
        return new TargetMapping(file, target, object, key, rules.toArray(new TargetRule[0]));
    }

    private static TargetRule rule(String file, String output, YamlNode keyNode, YamlNode spec, boolean isKey) {
        if (!isApiName(output)) throw keyNode.error("'" + output + "' is not a Salesforce field API name (letters, digits, _; starts with a letter)");
        String what = "target field '" + output + "'";
        Map<String, YamlNode[]> e;
        if (spec.isScalar()) {
            e = new HashMap<>();
            e.put("from", new YamlNode[] {spec, spec});
        } else {
            e = spec.entries(what);
            YamlNode.onlyKeys(e, KEYS, what);
        }
        int sources = (e.containsKey("from") ? 1 : 0) + (e.containsKey("first") ? 1 : 0)
                + (e.containsKey("template") ? 1 : 0) + (e.containsKey("constant") ? 1 : 0);
        if (sources != 1) throw spec.error(what + " needs exactly one of from, first, template, constant");
        if (e.containsKey("map") && !e.containsKey("from")) throw e.get("map")[0].error("map needs from:");
        TargetRule.Reader reader;
        String origin;
        if (e.containsKey("constant")) {
            Object c = scalar(e.get("constant")[1]);
            reader = s -> c;
            origin = "the constant";
        } else if (e.containsKey("template")) {
            YamlNode t = e.get("template")[1];
            reader = template(t);
            origin = "template " + t.text("template");
        } else if (e.containsKey("first")) {
            List<YamlNode> items = e.get("first")[1].items("first");
            if (items.isEmpty()) throw e.get("first")[1].error("first needs at least one field");
            List<Function<CanonicalSession, Object>> getters = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (YamlNode item : items) {
                names.add(item.text("a field name"));
                getters.add(getter(names.get(names.size() - 1), item));
            }
            reader = s -> {
                for (Function<CanonicalSession, Object> g : getters) {
                    Object v = g.apply(s);
                    if (v != null && !"".equals(v)) return TargetRule.jsonReady(v);
                }
                return null;
            };
            origin = "each of canonical " + names;
            if (e.containsKey("fallback")) throw e.get("fallback")[0].error("fallback needs a map");
        } else {
            YamlNode from = e.get("from")[1];
            String name = from.text("from");
            Class<?> type = typeOf(name, from);
            Function<CanonicalSession, Object> getter = getter(name, from);
            origin = "canonical " + name;
            if (e.containsKey("map")) {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, YamlNode[]> m : e.get("map")[1].entries("map").entrySet()) {
                    map.put(canonicalValue(type, m.getKey(), m.getValue()[0], name), outputValue(m.getValue()[1]));
                }
                boolean hasFallback = e.containsKey("fallback");
                reader = TargetRule.mapped(getter, map, hasFallback ? outputValue(e.get("fallback")[1]) : null, hasFallback);
            } else {
                if (e.containsKey("fallback")) throw e.get("fallback")[0].error("fallback needs a map");
                reader = TargetRule.plain(getter);
            }
        }
        Object def = e.containsKey("default") ? scalar(e.get("default")[1]) : null;
        boolean required = isKey;
        if (e.containsKey("required")) {
            String r = e.get("required")[1].text("required");
            if (!r.equals("true") && !r.equals("false")) throw e.get("required")[1].error("required must be true or false");
            required |= r.equals("true");
        }
        return new TargetRule(file, output, origin, reader, def, required);
    }

    /** Canonical field names (and {@code source}, {@code sourceObject}, {@code attributes.x}) to getters. */
    static Function<CanonicalSession, Object> getter(String name, YamlNode at) {
        if (name.equals("source")) return CanonicalSession::source;
        if (name.equals("sourceObject")) return CanonicalSession::sourceObject;
        if (name.startsWith(CanonicalField.ATTRIBUTES_PREFIX)) {
            String attr = name.substring(CanonicalField.ATTRIBUTES_PREFIX.length());
            if (attr.isEmpty()) throw at.error("an attribute is named attributes.<name>");
            return s -> s.attributes().get(attr);
        }
        CanonicalField f = CanonicalField.byName(name).orElseThrow(() -> at.error(SourceMappingCompiler.unknownField(name)));
        if (f == CanonicalField.PARTICIPANTS) throw at.error("participants cannot be written to a single target field");
        return f::get;
    }

    private static Class<?> typeOf(String name, YamlNode at) {
        if (name.startsWith(CanonicalField.ATTRIBUTES_PREFIX)) return Object.class;
        Optional<CanonicalField> f = CanonicalField.byName(name);
        return f.isPresent() ? f.get().type().javaType() : String.class;
    }

    private static Object canonicalValue(Class<?> type, String text, YamlNode at, String field) {
        if (!type.isEnum()) return text;
        for (Object c : type.getEnumConstants()) if (((Enum<?>) c).name().equals(text)) return c;
        throw at.error(SourceFieldCompiler.enumError(new Slot(field, type, false, null), text, type));
    }

    /** A map value or fallback: text, or {@code ~} to leave the output field out. */
    private static Object outputValue(YamlNode v) {
        return v.isNull() ? null : scalar(v);
    }

    /** Plain {@code true}/{@code false} and whole numbers become JSON booleans and numbers; quoted text stays text. */
    private static Object scalar(YamlNode v) {
        String t = v.text("a value");
        if (v.node instanceof ScalarNode s && s.isPlain()) {
            if (t.equals("true") || t.equals("false")) return Boolean.valueOf(t);
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException notANumber) {
                return t;
            }
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private static TargetRule.Reader template(YamlNode node) {
        TemplateText text = TemplateText.parse(node, "field");
        Function<CanonicalSession, Object>[] getters = new Function[text.placeholders().size()];
        for (int k = 0; k < getters.length; k++) getters[k] = getter(text.placeholders().get(k), node);
        return TargetRule.template(text.literalArray(), getters);
    }

    static boolean isApiName(String s) {
        if (s.isEmpty() || !isAsciiLetter(s.charAt(0))) return false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_') return false;
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
