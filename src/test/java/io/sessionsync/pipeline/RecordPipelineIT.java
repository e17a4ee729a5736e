package io.sessionsync.pipeline;

import io.sessionsync.run.Trigger;
import io.sessionsync.run.RunCounts;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.model.RawRecord;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.store.Database;
import io.sessionsync.store.DeadLetterFilter;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.SessionStore;
import io.sessionsync.store.StoreSettings;
import io.sessionsync.testing.TestPostgres;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pipeline with the real mapping files and a real PostgreSQL store. */
class RecordPipelineIT {
    private static final Instant T1 = Instant.parse("2026-11-20T10:15:30Z");
    private static final Instant T2 = Instant.parse("2026-11-20T11:00:00Z");

    private TestPostgres pg;
    private Database db;
    private SessionStore store;
    private DeadLetterStore letters;
    private RecordPipeline pipeline;

    @BeforeEach
    void setUp() {
        pg = TestPostgres.freshSchema("it_pipeline");
        db = Database.open(new StoreSettings(pg.url(), TestPostgres.USER, "", 2));
        store = new SessionStore(db);
        letters = new DeadLetterStore(db);
        pipeline = new RecordPipeline(MappingRegistry.load("classpath:mappings"), store, letters, RetryPolicy.once());
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
        pg.close();
    }

    private static RawRecord proxy(String sid, Instant updated, String dateStarted) {
        String json = "{\"sid\":\"" + sid + "\",\"service_sid\":\"KS" + "1".repeat(32) + "\",\"account_sid\":\"AC" + "2".repeat(32)
                + "\",\"status\":\"closed\",\"mode\":\"voice-only\",\"date_started\":" + (dateStarted == null ? "null" : "\"" + dateStarted + "\"")
                + ",\"date_ended\":null,\"date_created\":\"2026-11-20T09:00:00Z\",\"date_updated\":" + (updated == null ? "null" : "\"" + updated + "\"") + "}";
        return new RawRecord("twilio-proxy", "Session", sid, updated, json);
    }

    private static String sid(int n) {
        return "KC" + String.format("%032x", n);
    }

    @Test
    void a_page_is_mapped_written_and_counted_and_the_same_page_again_is_unchanged_without_being_mapped() throws Exception {
        List<RawRecord> page = List.of(proxy(sid(1), T1, "2026-11-20T09:00:00Z"), proxy(sid(2), T1, null));
        assertThat(pipeline.process(page, Trigger.MANUAL)).isEqualTo(new RunCounts(2, 2, 0, 0));
        assertThat(pipeline.process(page, Trigger.MANUAL)).isEqualTo(new RunCounts(2, 0, 2, 0));
        assertThat(store.find("twilio-proxy", sid(1)).orElseThrow().sourceUpdatedAt()).isEqualTo(T1);
    }

    @Test
    void a_bad_record_is_dead_lettered_with_its_reason_and_does_not_hold_back_its_page() throws Exception {
        List<RawRecord> page = List.of(proxy(sid(1), T1, "not-a-date"), proxy(sid(2), T1, "2026-11-20T09:00:00Z"),
                new RawRecord("twilio-proxy", "Session", sid(3), T1, "{ this is not json"));
        assertThat(pipeline.process(page, Trigger.MANUAL)).isEqualTo(new RunCounts(3, 1, 0, 2));
        var pending = letters.list(new DeadLetterFilter("twilio-proxy", "pending", null, null, null, 10));
        assertThat(pending).extracting(l -> l.recordId()).containsExactlyInAnyOrder(sid(1), sid(3));
        assertThat(pending).allSatisfy(l -> assertThat(l.payload()).isNotBlank());
        assertThat(pending).filteredOn(l -> l.recordId().equals(sid(1)))
                .singleElement().satisfies(l -> assertThat(l.message()).contains("startedAt").contains("twilio-proxy-session.yaml"));
        assertThat(pending).filteredOn(l -> l.recordId().equals(sid(3)))
                .singleElement().satisfies(l -> assertThat(l.message()).contains("not valid JSON"));
    }

    @Test
    void a_record_failing_on_every_run_is_dead_lettered_once_even_when_it_has_no_id() throws Exception {
        RawRecord noId = new RawRecord("twilio-proxy", "Session", null, null, "{\"status\":\"open\"}");
        RawRecord noVersion = new RawRecord("twilio-proxy", "Session", sid(9), null,
                "{\"sid\":\"" + sid(9) + "\",\"date_updated\":null,\"date_created\":null}");
        for (int run = 0; run < 3; run++) {
            assertThat(pipeline.process(List.of(noId, noVersion), Trigger.SCHEDULE).failed()).isEqualTo(2);
        }
        var all = letters.list(DeadLetterFilter.all());
        assertThat(all).hasSize(2);
        assertThat(all).allSatisfy(l -> assertThat(l.attempts()).isEqualTo(3));
    }

    @Test
    void a_newer_version_that_goes_through_settles_the_old_letter() throws Exception {
        pipeline.process(List.of(proxy(sid(4), T1, "not-a-date")), Trigger.MANUAL);
        assertThat(letters.countPending()).isEqualTo(1);
        assertThat(pipeline.process(List.of(proxy(sid(4), T2, "2026-11-20T09:00:00Z")), Trigger.MANUAL).written()).isEqualTo(1);
        assertThat(letters.countPending()).isZero();
        assertThat(letters.list(DeadLetterFilter.all())).singleElement()
                .satisfies(l -> assertThat(l.status()).isEqualTo(DeadLetterStore.REPLAYED));
    }

    @Test
    void an_older_version_never_overwrites_a_newer_one() throws Exception {
        pipeline.process(List.of(proxy(sid(5), T2, "2026-11-20T09:00:00Z")), Trigger.MANUAL);
        RunCounts stale = pipeline.process(List.of(proxy(sid(5), T1, "2026-11-20T08:00:00Z")), Trigger.REPLAY);
        assertThat(stale.written()).isZero();
        assertThat(store.find("twilio-proxy", sid(5)).orElseThrow().startedAt()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
    }
}
