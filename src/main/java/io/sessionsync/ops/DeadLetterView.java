package io.sessionsync.ops;

import io.sessionsync.store.DeadLetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dead letter as lists show it (the admin API and {@code dead-letters list --json}): everything but
 * the payload, which can be large and hold personal data; {@code show} gives one letter whole.
 */
public final class DeadLetterView {
    private DeadLetterView() {}

    public static Map<String, Object> summary(DeadLetter l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("source", l.source());
        m.put("object", l.object());
        m.put("recordId", l.recordId());
        m.put("stage", l.stage());
        m.put("errorClass", l.errorClass());
        m.put("errorCode", l.errorCode());
        m.put("message", l.message());
        m.put("attempts", l.attempts());
        m.put("lastFailedAt", l.lastFailedAt() == null ? null : l.lastFailedAt().toString());
        m.put("status", l.status());
        m.put("discardReason", l.discardReason());
        return m;
    }
}
