package io.sessionsync.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON list answer ({@code {"items": [{...}, ...], "meta": {...}}}) read from its stream in one pass
 * without building a tree per item: each item is kept as its own UTF-8 JSON, byte for byte as sent, with
 * the few top-level fields a caller asked to peek at (an id and a last-modified time). The pipeline builds
 * an item's tree only when it maps the item: on a re-run that finds nothing changed, no tree is built.
 *
 * <p>Why slices rather than the answer whole: a 1,000-session Twilio page is about 900 KB, and an array
 * that big is a "humongous" object to the default G1 collector (over half a region, and regions are 1 MB
 * in a heap of a few hundred MB): each one is allocated in the old generation and starts a concurrent
 * collection. The bytes read are kept in small blocks ({@link ReadBytes}) while the parser walks them, and
 * each item is cut out of them by the byte offsets the parser reports. Cutting is a copy of bytes: the
 * item's tokens are not written out again (which cost twice the parse), and what is kept is exactly what
 * the source sent. Everything outside the list is small and is read as a tree.
 */
public final class ListAnswer {
    /** One item of the list, as sent, and its peeked fields' text. */
    public record Item(byte[] json, Map<String, String> peeked) {
        /** A peeked field's text (numbers and booleans as written); null when absent, null or not a scalar. */
        public String text(String field) {
            return peeked.get(field);
        }
    }

    private final List<Item> items;
    private final ObjectNode rest;

    private ListAnswer(List<Item> items, ObjectNode rest) {
        this.items = items;
        this.rest = rest;
    }

    /**
     * Reads {@code in} (a JSON object; read to its end, not closed), cutting out the items of its
     * top-level array {@code listField} and peeking at their top-level fields {@code peek}. Throws
     * {@link IOException} when the answer is not one JSON object; a missing or non-array
     * {@code listField} is for the caller to judge: see {@link #hasList()}.
     */
    public static ListAnswer read(InputStream in, String listField, Set<String> peek) throws IOException {
        ObjectNode rest = Json.mapper().createObjectNode();
        List<Item> items = null;
        ReadBytes bytes = new ReadBytes(in);
        try (JsonParser p = Json.mapper().getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the answer is not a JSON object (starts with " + p.currentToken() + ")");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(listField) && value == JsonToken.START_ARRAY) {
                    items = items(p, bytes, peek);
                } else {
                    rest.set(name, Json.mapper().readTree(p));
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) throw new IOException("the answer is not one complete JSON object");
            if (p.nextToken() != null) throw new IOException("the answer has content after its JSON object");
        }
        return new ListAnswer(items, rest);
    }

    private static List<Item> items(JsonParser p, ReadBytes bytes, Set<String> peek) throws IOException {
        List<Item> items = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) throw new IOException("the answer ends inside its list");
            long start = p.currentTokenLocation().getByteOffset();
            bytes.forgetBefore(start);
            Map<String, String> peeked = new HashMap<>(4);
            if (t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (peek.contains(name)) {
                        // The last of a repeated field wins, as it does when the item's tree is built.
                        if (value.isScalarValue() && value != JsonToken.VALUE_NULL) peeked.put(name, p.getText());
                        else peeked.remove(name);
                    }
                    p.skipChildren();
                }
                if (p.currentToken() != JsonToken.END_OBJECT) throw new IOException("the answer ends inside a list item");
            } else {
                p.skipChildren();
                // A string's closing quote is read only when its text is asked for.
                p.finishToken();
            }
            items.add(new Item(bytes.copy(start, p.currentLocation().getByteOffset()), peeked));
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

    /** The answer without the list, as a tree (e.g. {@code meta}). */
    public JsonNode rest() {
        return rest;
    }
}
