package io.sessionsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.RecordPipeline;
import io.sessionsync.run.RunCounts;
import io.sessionsync.run.Trigger;
import io.sessionsync.store.Database;
import io.sessionsync.store.DeadLetter;
import io.sessionsync.store.DeadLetterFilter;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.SessionStore;
import io.sessionsync.store.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile source records through the real pipeline, the built-in mapping files and a real PostgreSQL
 * store: each record is either stored or dead-lettered with a reason naming what was wrong, and the
 * page never stops half-way. A value the database refuses (a NUL character in a text column) poisons
 * only its own record: the batch falls back to one-by-one writes.
 */
class BadInputIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T = Instant.parse("2026-11-20T10:25:01Z");

    PgSchema schema;
    Database db;
    SessionStore sessions;
    DeadLetterStore letters;
    RecordPipeline pipeline;

    @BeforeEach
    void open() {
        schema = PgSchema.create();
        db = Database.open(new StoreSettings(schema.url(), PgSchema.USER, "", 4));
        sessions = new SessionStore(db);
        letters = new DeadLetterStore(db);
        pipeline = new RecordPipeline(MappingRegistry.load("classpath:mappings"), sessions, letters,
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 2.0));
    }

    @AfterEach
    void close() throws Exception {
        if (db != null) db.close();
        if (schema != null) schema.close();
    }

    static String sid(int n) {
        return String.format("KC%032x", n);
    }

    /** A well-formed Twilio Proxy Session (the fixture's shape) with one change applied. */
    static RawRecord session(int n, Consumer<ObjectNode> change) {
        ObjectNode s = JSON.createObjectNode();
        s.put("sid", sid(n));
        s.put("service_sid", "KS0123456789abcdef0123456789abcdef");
        s.put("account_sid", "AC0123456789abcdef0123456789abcdef");
        s.put("date_started", "2026-11-20T10:15:30Z");
        s.put("date_ended", "2026-11-20T10:25:00Z");
        s.put("unique_name", "order-" + n);
        s.put("status", "closed");
        s.put("closed_reason", "ttl");
        s.put("ttl", 3600);
        s.put("mode", "voice-and-message");
        s.put("date_created", "2026-11-20T10:15:00Z");
        s.put("date_updated", T.toString());
        change.accept(s);
        return new RawRecord("twilio-proxy", "Session", sid(n), T, s.toString());
    }

    @Test
    void every_hostile_record_is_stored_or_dead_lettered_with_its_reason_and_the_page_goes_on() throws Exception {
        String megabyte = "x".repeat(1 << 20);
        List<RawRecord> page = new ArrayList<>();
        page.add(session(1, s -> { }));                                                    // fine
        page.add(new RawRecord("twilio-proxy", "Session", sid(2), T, "{\"sid\": \"" + sid(2) + "\", \"status\": "));  // malformed JSON
        page.add(session(3, s -> s.put("date_started", true)));                            // a boolean where a date goes
        page.add(session(4, s -> s.putArray("status").add("closed")));                     // an array where text goes
        page.add(session(5, s -> s.put("ttl", "one hour")));                               // text where an integer goes
        page.add(session(6, s -> s.put("status", "teleported")));                          // unknown enum value: mapped to the fallback
        page.add(session(7, s -> s.put("date_ended", "2026-13-45T99:00:00Z")));            // impossible date
        page.add(session(8, s -> s.put("closed_reason", megabyte)));                       // 1 MB of text: TEXT holds it
        page.add(session(9, s -> s.put("closed_reason", "nul\u0000byte")));               // PostgreSQL text cannot hold NUL
        page.add(session(10, s -> s.put("unique_name", megabyte).put("mode", "carrier-pigeon")));
        page.add(new RawRecord("twilio-proxy", "Session", null, null, "{}"));             // nothing at all
        page.add(session(12, s -> { }));                                                   // fine, after all the bad ones

        RunCounts counts = pipeline.process(page, Trigger.MANUAL);

        Map<String, DeadLetter> dead = letters.list(new DeadLetterFilter(null, "pending", null, null, null, 100)).stream()
                .collect(Collectors.toMap(l -> l.recordId().startsWith("no-id:sha256:") ? "(no id)" : l.recordId(), l -> l));
        assertThat(dead).containsOnlyKeys(sid(2), sid(3), sid(4), sid(5), sid(7), sid(9), "(no id)");
        assertThat(dead.get(sid(2)).message()).contains("not valid JSON");
        assertThat(dead.get(sid(3)).message()).contains("startedAt");
        assertThat(dead.get(sid(4)).message()).contains("status");
        assertThat(dead.get(sid(5)).message()).contains("ttl");
        assertThat(dead.get(sid(7)).message()).contains("endedAt");
        assertThat(dead.get(sid(9)).stage()).isEqualTo(RecordPipeline.STAGE_STORE);
        assertThat(dead.get(sid(9)).message()).contains("22021");
        assertThat(dead.values()).allSatisfy(l -> assertThat(l.payload()).isNotEmpty());

        for (int n : new int[] {1, 6, 8, 10, 12}) {
            assertThat(sessions.find("twilio-proxy", sid(n))).as("session %d", n).isPresent();
        }
        assertThat(sessions.find("twilio-proxy", sid(6)).orElseThrow().status().name()).isEqualTo("UNKNOWN");
        assertThat(sessions.find("twilio-proxy", sid(8)).orElseThrow().closedReason()).hasSize(1 << 20);
        assertThat(sessions.count()).isEqualTo(5);
        assertThat(counts.read()).isEqualTo(page.size());
        assertThat(counts.written()).isEqualTo(5);
        assertThat(counts.failed()).isEqualTo(7);
    }
}
