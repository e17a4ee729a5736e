package io.sessionsync.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.delivery.SessionTarget;
import io.sessionsync.json.Json;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.mapping.SourceMapping;
import io.sessionsync.model.CanonicalField;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.store.DeadLetter;
import io.sessionsync.store.SessionStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A dry run of a replay: maps the letter's raw JSON with today's mapping (its checks included),
 * compares with the store, and runs each target's mapping and checks on the result. Writes and sends
 * nothing. A letter a target refused holds the stored session: its preview runs that target only.
 */
final class ReplayPreviewer {
    /** Values as the admin API shows them: timestamps as ISO text. */
    private static final ObjectMapper JSON = Json.mapper();

    private final MappingRegistry mappings;
    private final SessionStore sessions;
    private final List<SessionTarget> targets;

    ReplayPreviewer(MappingRegistry mappings, SessionStore sessions, List<SessionTarget> targets) {
        this.mappings = mappings;
        this.sessions = sessions;
        this.targets = List.copyOf(targets);
    }

    ReplayPreview preview(DeadLetter letter) {
        Optional<SessionTarget> refusedBy = targets.stream().filter(t -> t.name().equals(letter.stage())).findFirst();
        if (refusedBy.isPresent()) return previewDelivery(letter, refusedBy.get());
        Optional<SourceMapping> mapping = mappings.source(letter.source(), letter.object());
        if (mapping.isEmpty()) {
            return failed(letter, "no mapping file for source " + letter.source() + " object " + letter.object());
        }
        CanonicalSession mapped;
        try {
            mapped = mapping.get().map(JSON.readTree(letter.payload()));
        } catch (JsonProcessingException e) {
            return failed(letter, "record is not valid JSON: " + e.getOriginalMessage());
        } catch (Exception e) {
            return failed(letter, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        CanonicalSession stored = sessions.find(mapped.source(), mapped.sourceId()).orElse(null);
        List<ReplayPreview.FieldChange> fields = changes(stored, mapped);
        boolean wouldWrite = stored == null || micros(mapped.sourceUpdatedAt()).isAfter(micros(stored.sourceUpdatedAt()))
                || micros(mapped.sourceUpdatedAt()).equals(micros(stored.sourceUpdatedAt())) && !fields.isEmpty();
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (SessionTarget t : targets) if (t.accepts(letter.source())) verdicts.put(t.name(), verdict(t, mapped));
        return new ReplayPreview(letter.id(), letter.source(), letter.object(), mapped.sourceId(), null,
                stored == null ? null : stored.sourceUpdatedAt(), mapped.sourceUpdatedAt(), wouldWrite, fields, verdicts);
    }

    /** A target's letter: the stored session goes to that target again; the store does not change. */
    private ReplayPreview previewDelivery(DeadLetter letter, SessionTarget target) {
        Optional<CanonicalSession> stored = letter.recordId() == null ? Optional.empty()
                : sessions.find(letter.source(), letter.recordId());
        if (stored.isEmpty()) return failed(letter, "the store no longer holds " + letter.source() + "/" + letter.recordId());
        Map<String, String> verdicts = new LinkedHashMap<>();
        verdicts.put(target.name(), verdict(target, stored.get()));
        return new ReplayPreview(letter.id(), letter.source(), letter.object(), letter.recordId(), null,
                stored.get().sourceUpdatedAt(), stored.get().sourceUpdatedAt(), false, List.of(), verdicts);
    }

    private static String verdict(SessionTarget target, CanonicalSession session) {
        try {
            target.check(session);
            return null;
        } catch (Exception e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private static List<ReplayPreview.FieldChange> changes(CanonicalSession stored, CanonicalSession mapped) {
        List<ReplayPreview.FieldChange> fields = new ArrayList<>();
        for (CanonicalField f : CanonicalField.values()) {
            add(fields, f.fieldName(), stored == null ? null : f.get(stored), f.get(mapped));
        }
        TreeSet<String> attributes = new TreeSet<>(mapped.attributes().keySet());
        if (stored != null) attributes.addAll(stored.attributes().keySet());
        for (String a : attributes) {
            add(fields, CanonicalField.ATTRIBUTES_PREFIX + a, stored == null ? null : stored.attributes().get(a),
                    mapped.attributes().get(a));
        }
        return fields;
    }

    private static void add(List<ReplayPreview.FieldChange> out, String name, Object stored, Object proposed) {
        JsonNode s = json(stored), p = json(proposed);
        if (Objects.equals(s, p)) return;
        out.add(new ReplayPreview.FieldChange(name, s, p, true));
    }

    /** A value as JSON: null for absent or empty; instants at the store's precision. */
    private static JsonNode json(Object v) {
        if (v == null) return null;
        if (v instanceof List<?> l && l.isEmpty()) return null;
        if (v instanceof Map<?, ?> m && m.isEmpty()) return null;
        if (v instanceof Instant i) v = micros(i);
        return JSON.valueToTree(v);
    }

    private static Instant micros(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.MICROS);
    }

    private static ReplayPreview failed(DeadLetter letter, String error) {
        return new ReplayPreview(letter.id(), letter.source(), letter.object(), letter.recordId(), error,
                null, null, false, List.of(), Map.of());
    }
}
