package io.sessionsync.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON list answer ({@code {"items": [{...}, ...], "meta": {...}}}) read in one streaming pass
 * without building a tree per item: each item is kept as its byte range in the answer, with the few
 * top-level fields a caller asked to peek at (an id and a last-modified time). The pipeline then
 * builds an item's tree only when it maps the item: on a re-run that finds nothing changed, no tree is
 * built at all, which is most of what reading a page used to cost (allocation, and the garbage
 * collection it brings). Everything outside the list is small and is read as a tree.
 */
public final class ListAnswer {
    /** One item of the list: bytes {@code [start, end)} of the answer, and its peeked fields' text. */
    public record Item(int start, int end, Map<String, String> peeked) {
        /** A peeked field's text (numbers and booleans as written); null when absent, null or not a scalar. */
        public String text(String field) {
            return peeked.get(field);
        }
    }

    private final byte[] utf8;
    private final List<Item> items;
    private final ObjectNode rest;

    private ListAnswer(byte[] utf8, List<Item> items, ObjectNode rest) {
        this.utf8 = utf8;
        this.items = items;
        this.rest = rest;
    }

    /**
     * Reads {@code utf8} (a JSON object; not copied, so never change it afterwards), keeping the items
     * of its top-level array {@code listField} as byte ranges and peeking at their top-level fields
     * {@code peek}. Throws {@link IOException} when the answer is not JSON or not an object; a missing
     * or non-array {@code listField} is for the caller to judge: see {@link #hasList()}.
     */
    public static ListAnswer read(byte[] utf8, String listField, Set<String> peek) throws IOException {
        ObjectNode rest = Json.mapper().createObjectNode();
        List<Item> items = null;
        try (JsonParser p = Json.mapper().getFactory().createParser(utf8)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the answer is not a JSON object (starts with " + p.currentToken() + ")");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(listField) && value == JsonToken.START_ARRAY) {
                    items = items(p, peek);
                } else {
                    rest.set(name, Json.mapper().readTree(p));
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) throw new IOException("the answer is not one complete JSON object");
            if (p.nextToken() != null) throw new IOException("the answer has content after its JSON object");
        }
        return new ListAnswer(utf8, items, rest);
    }

    private static List<Item> items(JsonParser p, Set<String> peek) throws IOException {
        List<Item> items = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) throw new IOException("the answer ends inside its list");
            int start = (int) p.currentTokenLocation().getByteOffset();
            Map<String, String> peeked = new HashMap<>(4);
            if (t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (value.isStructStart()) {
                        p.skipChildren();
                        if (peek.contains(name)) peeked.remove(name);
                    } else if (peek.contains(name)) {
                        // The last of a repeated field wins, as it does when the item's tree is built.
                        if (value == JsonToken.VALUE_NULL) peeked.remove(name);
                        else peeked.put(name, p.getText());
                    }
                }
            } else if (t.isStructStart()) {
                p.skipChildren();
            } else {
                p.finishToken(); // a string is read lazily: read it so the parser stands after it
            }
            // The item's last token (its closing brace, or the scalar itself) ends where the parser now is.
            int end = (int) p.currentLocation().getByteOffset();
            items.add(new Item(start, end, peeked));
        }
        return items;
    }

    /** Whether the answer had the list, as an array. */
    public boolean hasList() {
        return items != null;
    }

    /** The list's items, in order (empty when there is no list). */
    public List<Item> items() {
        return items == null ? List.of() : items;
    }

    /** The answer's bytes that the items point into. */
    public byte[] utf8() {
        return utf8;
    }

    /** The answer without the list, as a tree (e.g. {@code meta}). */
    public JsonNode rest() {
        return rest;
    }
}
