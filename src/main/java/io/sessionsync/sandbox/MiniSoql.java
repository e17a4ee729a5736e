package io.sessionsync.sandbox;

import io.sessionsync.salesforce.SalesforceDateTimes;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small SOQL subset the simulator understands: {@code SELECT a, b FROM Obj [WHERE c op lit | c IN (lit, ...) [AND ...]]
 * [ORDER BY f [, g]] [LIMIT n]}, with datetime, boolean, number and single-quoted string literals, and
 * {@code SELECT COUNT() FROM ...} (no fields; the answer is only a {@code totalSize}).
 * Anything else is a {@code MALFORMED_QUERY}, as Salesforce would answer.
 */
final class MiniSoql {
    private static final Pattern QUERY = Pattern.compile(
            "^\\s*SELECT\\s+(.+?)\\s+FROM\\s+([A-Za-z][A-Za-z0-9_]*)"
                    + "(?:\\s+WHERE\\s+(.+?))?(?:\\s+ORDER\\s+BY\\s+(.+?))?(?:\\s+LIMIT\\s+(\\d+))?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CONDITION = Pattern.compile(
            "^\\s*([A-Za-z][A-Za-z0-9_]*)\\s*(>=|<=|!=|=|>|<)\\s*('(?:[^'\\\\]|\\\\.)*'|[^\\s']+)\\s*$", Pattern.DOTALL);
    private static final Pattern IN = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9_]*)\\s+IN\\s*\\((.*)\\)\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*$");
    /** A selected field: a name, or a relationship field such as {@code Contact.Phone}. */
    private static final Pattern FIELD = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?$");

    /** A query the simulator could not understand or that names a field the object lacks. */
    static final class SoqlException extends RuntimeException {
        final String errorCode;

        SoqlException(String errorCode, String message) {
            super(message);
            this.errorCode = errorCode;
        }
    }

    /** @param count {@code SELECT COUNT()}: {@code fields} is empty, only the number of matches is wanted */
    record Parsed(String object, List<String> fields, Predicate<Map<String, Object>> where,
                  Comparator<Map<String, Object>> order, Integer limit, boolean count) {}

    private MiniSoql() {}

    static Parsed parse(String soql) {
        Matcher m = QUERY.matcher(soql);
        if (!m.matches()) throw new SoqlException("MALFORMED_QUERY", "unexpected token in query: " + soql);
        boolean count = m.group(1).replace(" ", "").equalsIgnoreCase("COUNT()");
        List<String> fields = count ? List.of() : Arrays.stream(m.group(1).split(",")).map(String::trim).toList();
        for (String f : fields) {
            if (!FIELD.matcher(f).matches()) throw new SoqlException("MALFORMED_QUERY", "unexpected token: " + f);
        }
        Predicate<Map<String, Object>> where = r -> true;
        if (m.group(3) != null) {
            for (String c : splitAnd(m.group(3))) where = where.and(condition(c));
        }
        Comparator<Map<String, Object>> order = null;
        if (m.group(4) != null) {
            for (String f : m.group(4).split(",")) {
                String name = f.trim().split("\\s+")[0];
                if (!NAME.matcher(name).matches()) throw new SoqlException("MALFORMED_QUERY", "bad ORDER BY: " + f);
                Comparator<Map<String, Object>> c = Comparator.comparing(r -> comparable(r.get(name)),
                        Comparator.nullsFirst(Comparator.naturalOrder()));
                if (f.trim().toUpperCase(Locale.ROOT).endsWith(" DESC")) c = c.reversed();
                order = order == null ? c : order.thenComparing(c);
            }
        }
        Integer limit = m.group(5) == null ? null : Integer.valueOf(m.group(5));
        return new Parsed(m.group(2), fields, where, order, limit, count);
    }

    /** Splits on AND outside quotes. */
    private static List<String> splitAnd(String where) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < where.length(); i++) {
            char ch = where.charAt(i);
            if (ch == '\\' && quoted && i + 1 < where.length()) {
                cur.append(ch).append(where.charAt(++i));
                continue;
            }
            if (ch == '\'') quoted = !quoted;
            if (!quoted && where.regionMatches(true, i, " AND ", 0, 5)) {
                parts.add(cur.toString());
                cur.setLength(0);
                i += 4;
                continue;
            }
            cur.append(ch);
        }
        if (quoted) throw new SoqlException("MALFORMED_QUERY", "unterminated string literal");
        parts.add(cur.toString());
        return parts;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate<Map<String, Object>> condition(String text) {
        Matcher in = IN.matcher(text);
        if (in.matches()) {
            String field = in.group(1);
            List<Object> values = new ArrayList<>();
            for (String v : in.group(2).split(",")) values.add(literal(v.trim()));
            return r -> values.contains(r.get(field));
        }
        Matcher m = CONDITION.matcher(text);
        if (!m.matches()) throw new SoqlException("MALFORMED_QUERY", "unexpected token in WHERE: " + text);
        String field = m.group(1), op = m.group(2);
        Object literal = literal(m.group(3));
        return r -> {
            Comparable left = comparable(r.get(field));
            if (left == null || literal == null) return op.equals("=") ? left == literal : op.equals("!=") && left != literal;
            int cmp = left.compareTo(literal);
            return switch (op) {
                case "=" -> cmp == 0;
                case "!=" -> cmp != 0;
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                case "<" -> cmp < 0;
                default -> cmp <= 0;
            };
        };
    }

    private static Object literal(String text) {
        if (text.startsWith("'")) {
            return text.substring(1, text.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) return Boolean.valueOf(text);
        if (text.equalsIgnoreCase("null")) return null;
        if (text.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (RuntimeException e) {
                throw new SoqlException("MALFORMED_QUERY", "bad datetime literal: " + text);
            }
        }
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            throw new SoqlException("MALFORMED_QUERY", "unexpected token: " + text);
        }
    }

    @SuppressWarnings("rawtypes")
    private static Comparable comparable(Object value) {
        if (value instanceof Integer i) return i.longValue();
        if (value instanceof String s && s.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4}")) {
            return SalesforceDateTimes.parse(s);
        }
        return (Comparable) value;
    }
}
