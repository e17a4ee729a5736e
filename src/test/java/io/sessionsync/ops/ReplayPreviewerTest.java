package io.sessionsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.delivery.SessionTarget;
import io.sessionsync.delivery.TargetCall;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.store.Database;
import io.sessionsync.store.DeadLetter;
import io.sessionsync.store.SessionStore;
import io.sessionsync.store.StoreSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dry run shows only what would change, as JSON values, at the store's timestamp precision, and
 * asks each target whether it would take the result.
 */
class ReplayPreviewerTest {
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    static final String SID = "KC" + "a".repeat(32);
    @TempDir Path dir;
    Database db;
    SessionStore store;
    MappingRegistry mappings = MappingRegistry.load("classpath:mappings");

    @BeforeEach
    void open() {
        db = Database.open(new StoreSettings("jdbc:h2:file:" + dir.resolve("store").toAbsolutePath(), "sa", "", 2));
        store = new SessionStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static String twilio(String started, String mode) {
        return "{\"sid\":\"" + SID + "\",\"service_sid\":\"KS" + "1".repeat(32) + "\",\"status\":\"closed\",\"mode\":\"" + mode + "\","
                + "\"date_started\":\"" + started + "\",\"date_ended\":\"2026-11-20T09:30:00Z\","
                + "\"date_created\":\"2026-11-20T08:59:00Z\",\"date_updated\":\"2026-11-20T10:00:00.123456789Z\"}";
    }

    static DeadLetter letter(String stage, String payload) {
        return new DeadLetter(7, "twilio-proxy", "Session", SID, Instant.parse("2026-11-20T10:00:00.123456Z"), stage,
                "RecordMappingException", null, "m", payload, 1, Instant.now(), Instant.now(), "pending", null);
    }

    /** A target that refuses sessions without a start, like the shipped EngagementInteraction mapping. */
    static final SessionTarget NEEDS_START = new SessionTarget() {
        public String name() { return "salesforce"; }
        public Set<String> sources() { return Set.of("twilio-proxy"); }
        public int batchSize() { return 200; }
        public void check(CanonicalSession s) {
            if (s.startedAt() == null) throw new IllegalArgumentException("StartDateTime: startedAt is required");
        }
        public TargetCall call(List<CanonicalSession> sessions) { throw new UnsupportedOperationException("a preview sends nothing"); }
        public String endpoint() { return "direct:none"; }
    };

    CanonicalSession map(String json) throws Exception {
        return mappings.source("twilio-proxy", "Session").orElseThrow()
                .map(JSON.readTree(json));
    }

    @Test
    void the_same_record_again_changes_nothing_even_with_nanosecond_timestamps() throws Exception {
        store.upsert(List.of(map(twilio("2026-11-20T09:00:00.000000001Z", "voice-only"))));

        ReplayPreview p = new ReplayPreviewer(mappings, store, List.of(NEEDS_START))
                .preview(letter("mapping", twilio("2026-11-20T09:00:00.000000001Z", "voice-only")));

        assertThat(p.error()).isNull();
        assertThat(p.fields()).as("precision noise is no change").isEmpty();
        assertThat(p.wouldWrite()).isFalse();
        assertThat(p.targets()).containsEntry("salesforce", null);
    }

    @Test
    void only_changed_fields_are_shown_as_json_values() throws Exception {
        store.upsert(List.of(map(twilio("2026-11-20T09:00:00Z", "voice-only"))));

        ReplayPreview p = new ReplayPreviewer(mappings, store, List.of())
                .preview(letter("mapping", twilio("2026-11-20T09:05:00Z", "message-only")));

        assertThat(p.fields()).extracting(ReplayPreview.FieldChange::field)
                .contains("startedAt", "channel").doesNotContain("sourceId", "sourceUpdatedAt", "status");
        ReplayPreview.FieldChange started = p.fields().stream().filter(f -> f.field().equals("startedAt")).findFirst().orElseThrow();
        assertThat(started.stored().toString()).isEqualTo("\"2026-11-20T09:00:00Z\"");
        assertThat(started.proposed().toString()).isEqualTo("\"2026-11-20T09:05:00Z\"");
        assertThat(p.wouldWrite()).as("same version, other content").isTrue();
    }

    @Test
    void a_letter_of_a_target_previews_that_targets_verdict_on_the_stored_session() throws Exception {
        CanonicalSession stored = map(twilio("2026-11-20T09:00:00Z", "voice-only"));
        store.upsert(List.of(stored.toBuilder().startedAt(null).build()));

        ReplayPreview p = new ReplayPreviewer(mappings, store, List.of(NEEDS_START)).preview(letter("salesforce", "{}"));

        assertThat(p.error()).isNull();
        assertThat(p.wouldWrite()).isFalse();
        assertThat(p.targets().get("salesforce")).contains("StartDateTime");
    }
}
