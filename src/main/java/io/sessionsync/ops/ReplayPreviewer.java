package io.sessionsync.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.mapping.SourceMapping;
import io.sessionsync.model.CanonicalField;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.store.DeadLetter;
import io.sessionsync.store.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/** A dry run of a replay: maps the stored raw JSON with today's mapping and compares with the store. Writes nothing. */
final class ReplayPreviewer {
    private final MappingRegistry mappings;
    private final SessionStore sessions;
    private final ObjectMapper json = Json.mapper();

    ReplayPreviewer(MappingRegistry mappings, SessionStore sessions) {
        this.mappings = mappings;
        this.sessions = sessions;
    }

    ReplayPreview preview(DeadLetter letter) {
        Optional<SourceMapping> mapping = mappings.source(letter.source(), letter.object());
        if (mapping.isEmpty()) {
            return failed(letter, "no mapping file for source " + letter.source() + " object " + letter.object());
        }
        CanonicalSession mapped;
        try {
            mapped = mapping.get().map(json.readTree(letter.payload()));
        } catch (JsonProcessingException e) {
            return failed(letter, "record is not valid JSON: " + e.getOriginalMessage());
        } catch (Exception e) {
            return failed(letter, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        CanonicalSession stored = sessions.find(mapped.source(), mapped.sourceId()).orElse(null);
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
        boolean anyChange = fields.stream().anyMatch(ReplayPreview.FieldChange::changed);
        boolean wouldWrite = stored == null || mapped.sourceUpdatedAt().isAfter(stored.sourceUpdatedAt())
                || mapped.sourceUpdatedAt().equals(stored.sourceUpdatedAt()) && anyChange;
        return new ReplayPreview(letter.id(), letter.source(), letter.object(), mapped.sourceId(), null,
                stored == null ? null : stored.sourceUpdatedAt(), mapped.sourceUpdatedAt(), wouldWrite, fields);
    }

    private static void add(List<ReplayPreview.FieldChange> out, String name, Object stored, Object proposed) {
        String s = text(stored), p = text(proposed);
        if (s == null && p == null) return;
        out.add(new ReplayPreview.FieldChange(name, s, p, !Objects.equals(s, p)));
    }

    private static String text(Object v) {
        if (v == null) return null;
        if (v instanceof List<?> l && l.isEmpty()) return null;
        return v.toString();
    }

    private static ReplayPreview failed(DeadLetter letter, String error) {
        return new ReplayPreview(letter.id(), letter.source(), letter.object(), letter.recordId(), error,
                null, null, false, List.of());
    }
}
