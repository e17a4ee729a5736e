package io.sessionsync.mapping;

import io.sessionsync.model.CanonicalField;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a source mapping's {@code checks:} section:
 * <pre>
 * checks:
 *   startedAt:       required
 *   endedAt:         { not-before: startedAt }
 *   durationSeconds: [not-negative, required]
 * </pre>
 * Keys are canonical fields, values one rule or a list of rules. Every problem stops loading at its
 * line, including a check on a field the mapping never fills (it could never fail, or always would).
 */
final class RecordCheckCompiler {
    private RecordCheckCompiler() {}

    /** @param filled the canonical fields the mapping's header and field lines fill */
    static List<RecordCheck> compile(YamlNode checks, Set<CanonicalField> filled) {
        if (!checks.isMapping()) throw checks.error("checks must be a mapping of canonical field: rule, e.g. `startedAt: required`");
        List<RecordCheck> out = new ArrayList<>();
        for (Map.Entry<String, YamlNode[]> e : checks.entries("checks").entrySet()) {
            YamlNode key = e.getValue()[0];
            CanonicalField field = field(e.getKey(), key, filled);
            YamlNode rules = e.getValue()[1];
            List<YamlNode> items = rules.isSequence() ? rules.items("rules") : List.of(rules);
            if (items.isEmpty()) throw rules.error("the check on '" + e.getKey() + "' needs at least one rule");
            Set<CheckRule> seen = EnumSet.noneOf(CheckRule.class);
            for (YamlNode item : items) {
                RecordCheck check = rule(field, item, filled);
                if (!seen.add(check.rule())) throw item.error("'" + e.getKey() + "' has the check '" + check.rule().yamlName + "' twice");
                out.add(check);
            }
        }
        return out;
    }

    /** One rule: a plain word ({@code required}), or a one-entry mapping with its argument ({@code { not-before: startedAt }}). */
    private static RecordCheck rule(CanonicalField field, YamlNode item, Set<CanonicalField> filled) {
        String name;
        YamlNode argument = null;
        if (item.isMapping()) {
            Map<String, YamlNode[]> m = item.entries("a check");
            if (m.size() != 1) throw item.error("one rule per entry; write several rules as a list: [required, { not-before: startedAt }]");
            Map.Entry<String, YamlNode[]> only = m.entrySet().iterator().next();
            name = only.getKey();
            argument = only.getValue()[1];
        } else {
            name = item.text("a check");
        }
        CheckRule rule = CheckRule.byYamlName(name);
        if (rule == null) {
            List<String> close = CloseNames.to(name, CheckRule.yamlNames());
            throw item.error("unknown check '" + name + "'; known: " + String.join(", ", CheckRule.yamlNames())
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?"));
        }
        CanonicalField other = null;
        if (rule.comparesWith) {
            if (argument == null) throw item.error(name + " needs the field to compare with, e.g. `endedAt: { not-before: startedAt }`");
            other = field(argument.text(name), argument, filled);
        } else if (argument != null) {
            throw item.error("'" + name + "' takes no value; write it as a plain word, e.g. `startedAt: " + name + "`");
        }
        String unfit = rule.unfitFor(field, other);
        if (unfit != null) throw item.error(unfit);
        return new RecordCheck(item.line(), field, rule, other);
    }

    private static CanonicalField field(String name, YamlNode at, Set<CanonicalField> filled) {
        if (name.startsWith(CanonicalField.ATTRIBUTES_PREFIX)) {
            throw at.error("checks apply to canonical fields, not to named extras like '" + name + "'");
        }
        CanonicalField f = CanonicalField.byName(name).orElseThrow(() -> at.error(SourceMappingCompiler.unknownField(name)));
        if (!filled.contains(f)) {
            throw at.error("the check names '" + name + "', which this mapping never fills: map it under fields:, or drop the check");
        }
        return f;
    }
}
