package io.sessionsync.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One record exactly as a source sent it, before mapping. A source hands over the tree it parsed from
 * the page (parsed once: the mapping reads that tree), or the record as UTF-8 JSON copied out of the
 * page as it was read ({@link io.sessionsync.json.ListAnswer}), whose tree is built only if the record
 * is mapped: a record the store already holds is skipped without one. The JSON text is written out only when needed, for a
 * dead letter, so a letter can be replayed with the mapping files of the day. A dead letter replayed
 * comes back as text and is parsed once, when first mapped.
 *
 * <p>Accessors are named as the record class this used to be: {@code source()}, {@code object()},
 * {@code id()}, {@code version()}, {@code json()}.
 */
public final class RawRecord {
    private final String source;
    private final String object;
    private final String id;
    private final Instant version;
    private volatile JsonNode node;
    private volatile String json;
    /** The record as UTF-8 JSON (null when given a tree or text). */
    private final byte[] utf8;

    /**
     * @param source  the mapping's source name, e.g. {@code twilio-proxy}
     * @param object  the source object, e.g. {@code Session}
     * @param id      the record's id in the source (may be null when the record is too broken to say)
     * @param version the record's last-modified time in the source (may be null, see the mapping)
     * @param json    the record's JSON text
     */
    public RawRecord(String source, String object, String id, Instant version, String json) {
        this(source, object, id, version, null, Objects.requireNonNull(json, "json"), null);
    }

    /** A record from a parsed page: its tree is the one the mapping reads (never modify it afterwards). */
    public RawRecord(String source, String object, String id, Instant version, JsonNode node) {
        this(source, object, id, version, Objects.requireNonNull(node, "node"), null, null);
    }

    /** A record as UTF-8 JSON (kept, not copied: never change it afterwards); its tree is built on first use. */
    public RawRecord(String source, String object, String id, Instant version, byte[] utf8) {
        this(source, object, id, version, null, null, Objects.requireNonNull(utf8, "utf8"));
    }

    private RawRecord(String source, String object, String id, Instant version, JsonNode node, String json, byte[] utf8) {
        this.source = Objects.requireNonNull(source, "source");
        this.object = Objects.requireNonNull(object, "object");
        this.id = id;
        this.version = version;
        this.node = node;
        this.json = json;
        this.utf8 = utf8;
    }

    public String source() { return source; }
    public String object() { return object; }
    public String id() { return id; }
    public Instant version() { return version; }

    /** The record's JSON text (written out from the tree on first use). */
    public String json() {
        String text = json;
        if (text == null) {
            text = utf8 != null ? new String(utf8, StandardCharsets.UTF_8) : node.toString();
            json = text;
        }
        return text;
    }

    /** Whether the record's tree is built yet (given, or asked for by {@link #node()}). */
    public boolean hasTree() {
        return node != null;
    }

    /** The record's tree (parsed from its bytes or text on first use); throws when they are not JSON. */
    public JsonNode node() throws JsonProcessingException {
        JsonNode tree = node;
        if (tree == null) {
            try {
                tree = utf8 != null ? Json.mapper().readTree(utf8) : Json.mapper().readTree(json);
            } catch (JsonProcessingException e) {
                throw e;
            } catch (IOException e) {
                // Reading a byte array does no I/O: only a parse error can get here, and it is one.
                throw new IllegalStateException("reading " + key() + " from memory", e);
            }
            node = tree;
        }
        return tree;
    }

    /** The same record under another id (a broken record keyed by its payload's hash). */
    public RawRecord withId(String newId) {
        return new RawRecord(source, object, newId, version, node, json, utf8);
    }

    /** A short, log-safe name for the record: never its payload. */
    public String key() {
        return source + "/" + object + "/" + (id == null ? "?" : id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRecord r && source.equals(r.source) && object.equals(r.object) && Objects.equals(id, r.id)
                && Objects.equals(version, r.version) && json().equals(r.json());
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, object, id, version);
    }

    /** Log-safe: the key and version, never the payload. */
    @Override
    public String toString() {
        return "RawRecord[" + key() + " @ " + version + "]";
    }
}
