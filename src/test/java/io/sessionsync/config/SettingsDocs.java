package io.sessionsync.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes what {@link Settings} declares into the two places people read settings: the comment and
 * value of each key in {@code config/application.properties}, and the settings tables of the README
 * (the text between {@code <!-- settings: prefix... -->} and {@code <!-- /settings -->}). Both are
 * pure functions of the declarations and the current text, so a test can compare and, asked to,
 * rewrite the files (see docs/development.md).
 */
final class SettingsDocs {
    private static final Pattern TABLE = Pattern.compile(
            "(<!-- settings:([^>]*?)-->\\n)(.*?)(<!-- /settings -->)", Pattern.DOTALL);

    private SettingsDocs() {}

    /** The one-line comment above a key in the properties file. */
    static String comment(Setting s) {
        return "# " + s.doc() + (s.secret() ? " (set " + s.envName() + " instead)" : "");
    }

    /**
     * The properties text with each declared key's line set to its default and the comment line(s)
     * right above it (up to a group header or blank line) replaced by {@link #comment}. Keys the file
     * lacks are reported by the caller's check, not added here: where they belong is a human choice.
     */
    static String properties(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        for (Setting s : Settings.declared()) {
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches(Pattern.quote(s.key()) + "\\s*=.*")) at = i;
            }
            if (at < 0) continue;
            lines.set(at, s.defaultValue().isEmpty() ? s.key() + " =" : s.key() + " = " + s.defaultValue());
            int first = at;
            while (first > 0 && lines.get(first - 1).startsWith("# ") && !lines.get(first - 1).startsWith("# ---")) first--;
            for (int i = first; i < at; i++) lines.remove(first);
            lines.add(first, comment(s));
        }
        return String.join("\n", lines);
    }

    /** The README text with every marked settings table regenerated. */
    static String readme(String text) {
        Matcher m = TABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + table(m.group(2).trim().split("\\s+")) + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A markdown table of the settings whose keys start with one of {@code prefixes}, in declaration order. */
    static String table(String... prefixes) {
        StringBuilder t = new StringBuilder()
                .append("| Setting (`").append(prefixes[0]).append("*`) | Default | Accepts | Meaning |\n")
                .append("|---|---|---|---|\n");
        for (String prefix : prefixes) {
            for (Setting s : Settings.declared()) {
                if (!s.key().startsWith(prefix)) continue;
                String name = s.key().startsWith(prefixes[0]) ? s.key().substring(prefixes[0].length()) : s.key();
                t.append("| `").append(name).append("` | ")
                        .append(s.defaultValue().isEmpty() ? "none" : "`" + s.defaultValue() + "`").append(" | ")
                        .append(cell(s.expectation())).append(" | ")
                        .append(cell(s.doc())).append(s.secret() ? "; secret: set `" + s.envName() + "`" : "").append(" |\n");
            }
        }
        return t.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
