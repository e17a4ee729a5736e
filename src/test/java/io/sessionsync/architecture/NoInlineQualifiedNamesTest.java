package io.sessionsync.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Main code names types by their simple names with an import, never inline as
 * {@code java.util.concurrent.atomic.AtomicLong x = ...}: an inline name hides a dependency from
 * the import list, where a reader (and the package-wall test) looks for it. Comments, javadoc,
 * string literals, package and import lines may spell full names.
 */
class NoInlineQualifiedNamesTest {
    private static final Path MAIN = Path.of("src/main/java");
    /** A qualified name: a root we own or the JDK's, lower-case package segments, then a type. */
    private static final Pattern QUALIFIED =
            Pattern.compile("(?<![\\w.])(?:java|javax|org|io\\.sessionsync)(?:\\.[a-z_][a-z0-9_]*)*\\.[A-Z]\\w*");

    @Test
    void main_code_names_no_type_inline_by_its_full_name() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String[] lines = codeOnly(Files.readString(file)).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i].strip();
                    if (line.startsWith("package ") || line.startsWith("import ")) continue;
                    Matcher m = QUALIFIED.matcher(line);
                    while (m.find()) found.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + m.group());
                }
            }
        }
        assertThat(found).as("inline fully-qualified names in main code (import them instead)").isEmpty();
    }

    @Test
    void the_check_sees_code_and_skips_comments_and_literals() {
        String source = """
                /** See {@link java.util.List}. */
                class A { // java.util.Map here is a comment
                    java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
                    String s = "java.time.Instant"; char c = '"'; String t = \"""
                        org.example.Text
                        \""";
                    /* io.sessionsync.model.RawRecord */ io.sessionsync.model.RawRecord r;
                }
                """;
        List<String> hits = new ArrayList<>();
        Matcher m = QUALIFIED.matcher(codeOnly(source));
        while (m.find()) hits.add(m.group());
        assertThat(hits).containsExactly("java.util.concurrent.atomic.AtomicLong",
                "java.util.concurrent.atomic.AtomicLong", "io.sessionsync.model.RawRecord");
    }

    /** The source with comments and string/char literals blanked out, line breaks kept. */
    static String codeOnly(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0, n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                while (i < n && src.charAt(i) != '\n') i++;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                i = blank(src, i, end < 0 ? n : end + 2, out);
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                while (end > 0 && src.charAt(end - 1) == '\\') end = src.indexOf("\"\"\"", end + 1);
                i = blank(src, i, end < 0 ? n : end + 3, out);
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') j += src.charAt(j) == '\\' ? 2 : 1;
                i = blank(src, i, Math.min(n, j + 1), out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int blank(String src, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) out.append(src.charAt(k) == '\n' ? '\n' : ' ');
        return to;
    }
}
