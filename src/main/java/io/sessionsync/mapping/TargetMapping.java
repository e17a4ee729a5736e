package io.sessionsync.mapping;

import io.sessionsync.model.CanonicalSession;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compiled target mapping: turns a {@link CanonicalSession} into the field map one target
 * record is written with (Salesforce field API names to JSON-ready values; nulls omitted).
 */
public final class TargetMapping {
    private final String file;
    private final String target;
    private final String object;
    private final String key;
    private final TargetRule[] rules;

    TargetMapping(String file, String target, String object, String key, TargetRule[] rules) {
        this.file = file;
        this.target = target;
        this.object = object;
        this.key = key;
        this.rules = rules;
    }

    public String target() { return target; }
    public String object() { return object; }
    /** The output field the target upserts by, e.g. {@code ExternalIdentifier}. */
    public String key() { return key; }
    public String file() { return file; }

    public Map<String, Object> map(CanonicalSession s) throws RecordMappingException {
        Map<String, Object> out = new LinkedHashMap<>(rules.length * 2);
        for (TargetRule r : rules) {
            Object v = r.value(s);
            if (v != null) out.put(r.output, v);
        }
        return out;
    }

    @Override
    public String toString() {
        return "TargetMapping[" + target + "/" + object + " from " + file + "]";
    }
}
