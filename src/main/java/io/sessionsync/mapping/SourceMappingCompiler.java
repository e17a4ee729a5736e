package io.sessionsync.mapping;

import io.sessionsync.model.CanonicalField;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiles a whole source mapping file: header ({@code source}, {@code object}, {@code id}, {@code version}), fields and checks. */
final class SourceMappingCompiler {
    static final Set<String> HEADER = Set.of("source", "object", "id", "version", "fields", "checks", "description");
    /** Set from the header, never by a field line. */
    private static final Set<String> AUTOMATIC = Set.of("sourceId", "sourceUpdatedAt");

    private SourceMappingCompiler() {}

    static SourceMapping compile(YamlNode root, PhoneNumbers phones) {
        String file = root.file;
        Map<String, YamlNode[]> h = root.entries("a mapping file");
        YamlNode.onlyKeys(h, HEADER, "a source mapping");
        String source = required(root, h, "source").text("source");
        String object = required(root, h, "object").text("object");
        Set<String> readFields = new LinkedHashSet<>();
        SourceFieldCompiler fields = new SourceFieldCompiler(file, readFields, phones);
        JsonPath id = fields.path(required(root, h, "id"));
        JsonPath[] version = version(fields, required(root, h, "version"));
        List<FieldRule> rules = new ArrayList<>();
        Set<CanonicalField> filled = EnumSet.of(CanonicalField.SOURCE_ID, CanonicalField.SOURCE_UPDATED_AT);
        if (h.containsKey("fields")) {
            for (Map.Entry<String, YamlNode[]> e : h.get("fields")[1].entries("fields").entrySet()) {
                Slot slot = slot(e.getKey(), e.getValue()[0]);
                rules.add(fields.compile(slot, e.getValue()[1]));
                CanonicalField.byName(e.getKey()).ifPresent(filled::add);
            }
        }
        List<RecordCheck> checks = h.containsKey("checks") ? RecordCheckCompiler.compile(h.get("checks")[1], filled) : List.of();
        return new SourceMapping(file, source, object, id, version, rules.toArray(new FieldRule[0]), checks, readFields, fields.memoSize());
    }

    /** {@code version: path} or {@code version: {from: p}} or {@code {first: [p, q], type: instant}}. */
    private static JsonPath[] version(SourceFieldCompiler fields, YamlNode v) {
        if (v.isScalar()) return new JsonPath[] {fields.path(v)};
        Map<String, YamlNode[]> e = v.entries("version");
        YamlNode.onlyKeys(e, Set.of("from", "first", "type"), "version");
        if (e.containsKey("type") && !e.get("type")[1].text("type").equals("instant")) {
            throw e.get("type")[1].error("a version is a timestamp: type must be instant");
        }
        if (e.containsKey("from") == e.containsKey("first")) throw v.error("version needs exactly one of from, first");
        return e.containsKey("from") ? new JsonPath[] {fields.path(e.get("from")[1])} : fields.paths(e.get("first")[1]);
    }

    static Slot slot(String name, YamlNode key) {
        if (name.startsWith(CanonicalField.ATTRIBUTES_PREFIX)) {
            String attr = name.substring(CanonicalField.ATTRIBUTES_PREFIX.length());
            if (attr.isEmpty() || attr.indexOf('.') >= 0) throw key.error("an attribute is named attributes.<name>, one level deep");
            return Slot.attribute(name);
        }
        if (AUTOMATIC.contains(name)) throw key.error("'" + name + "' is set from the mapping's " + (name.equals("sourceId") ? "id:" : "version:") + " header");
        CanonicalField f = CanonicalField.byName(name).orElseThrow(() -> key.error(unknownField(name)));
        return Slot.of(f);
    }

    static String unknownField(String name) {
        List<String> known = new ArrayList<>();
        for (CanonicalField f : CanonicalField.values()) known.add(f.fieldName());
        List<String> close = CloseNames.to(name, known);
        return "unknown canonical field '" + name + "'" + (close.isEmpty() ? "; see io.sessionsync.model.CanonicalField, or use attributes." + name
                : "; did you mean " + String.join(", ", close) + "?");
    }

    static YamlNode required(YamlNode root, Map<String, YamlNode[]> h, String key) {
        YamlNode[] kv = h.get(key);
        if (kv == null) throw root.error("missing '" + key + ":'");
        return kv[1];
    }
}
