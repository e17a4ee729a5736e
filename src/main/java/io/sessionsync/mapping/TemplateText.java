package io.sessionsync.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code template:} split once at load into its fixed text and its {@code {placeholders}}: the
 * literals surround the placeholders ({@code literals.size() == placeholders.size() + 1}).
 */
record TemplateText(List<String> literals, List<String> placeholders) {

    /** @param what what a placeholder names, for the error ("path" in sources, "field" in targets) */
    static TemplateText parse(YamlNode node, String what) {
        String t = node.text("template");
        List<String> literals = new ArrayList<>();
        List<String> placeholders = new ArrayList<>();
        int i = 0;
        while (true) {
            int open = t.indexOf('{', i);
            if (open < 0) break;
            int close = t.indexOf('}', open);
            if (close < 0) throw node.error("template has '{' without '}'");
            literals.add(t.substring(i, open));
            placeholders.add(t.substring(open + 1, close));
            i = close + 1;
        }
        if (placeholders.isEmpty()) {
            throw node.error("a template needs at least one {" + what + "}; use constant: for fixed text");
        }
        literals.add(t.substring(i));
        return new TemplateText(literals, placeholders);
    }

    String[] literalArray() {
        return literals.toArray(new String[0]);
    }
}
