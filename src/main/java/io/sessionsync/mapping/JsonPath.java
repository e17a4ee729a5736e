package io.sessionsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A source path such as {@code members[0].displayName}, split into steps once at load so that
 * reading it from a record is a few {@code get} calls and no string parsing.
 */
final class JsonPath {
    private final String text;
    private final String[] names;  // field name per step, or null for an index step
    private final int[] indexes;   // list index per step (used when names[i] == null)

    private JsonPath(String text, String[] names, int[] indexes) {
        this.text = text;
        this.names = names;
        this.indexes = indexes;
    }

    /** Parses {@code a.b[2].c}; returns null when the text is not a path (the caller reports where). */
    static JsonPath parse(String text) {
        if (text == null || text.isEmpty()) return null;
        List<String> names = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        int i = 0, n = text.length();
        boolean expectName = true;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0 || close == i + 1) return null;
                int index;
                try {
                    index = Integer.parseInt(text.substring(i + 1, close));
                } catch (NumberFormatException e) {
                    return null;
                }
                if (index < 0 || names.isEmpty()) return null;
                names.add(null);
                indexes.add(index);
                i = close + 1;
                expectName = false;
            } else if (c == '.') {
                if (expectName) return null;
                i++;
                expectName = true;
                if (i == n) return null;
            } else {
                if (!expectName) return null;
                int end = i;
                while (end < n && text.charAt(end) != '.' && text.charAt(end) != '[') end++;
                String name = text.substring(i, end);
                for (int k = 0; k < name.length(); k++) {
                    char ch = name.charAt(k);
                    if (ch == ']' || ch == '{' || ch == '}' || Character.isWhitespace(ch)) return null;
                }
                names.add(name);
                indexes.add(-1);
                i = end;
                expectName = false;
            }
        }
        int[] idx = new int[indexes.size()];
        for (int k = 0; k < idx.length; k++) idx[k] = indexes.get(k);
        return new JsonPath(text, names.toArray(new String[0]), idx);
    }

    /** The node at this path, or null when any step is missing or JSON null. */
    JsonNode read(JsonNode node) {
        for (int i = 0; i < names.length && node != null; i++) {
            String name = names[i];
            node = name != null ? node.get(name) : node.get(indexes[i]);
        }
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    /** The first step's field name. */
    String topField() {
        return names[0];
    }

    /**
     * What a source query must select for this path: its field names up to the first list index,
     * dotted. {@code Contact.Phone} stays whole (a SOQL relationship field), {@code members[0].x} is
     * {@code members}.
     */
    String selectedField() {
        StringBuilder sb = new StringBuilder(names[0]);
        for (int i = 1; i < names.length && names[i] != null; i++) sb.append('.').append(names[i]);
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
