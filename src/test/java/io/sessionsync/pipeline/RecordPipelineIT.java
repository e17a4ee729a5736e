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

    /** One page through the route's steps, as routes/pipeline.yaml runs them, placed at {@code pageKey}. */
    private RunCounts placed(String pageKey, List<RawRecord> records, Trigger trigger) throws Exception {
        return placed(pageKey, records, trigger, new VersionLookups());
    }

    /** As {@link #placed(String, List, Trigger)}, as one of the pages of a run that has {@code run}'s lookups. */
    private RunCounts placed(String pageKey, List<RawRecord> records, Trigger trigger, VersionLookups run) throws Exception {
        PageWork work = new PageWork("twilio-proxy", records, trigger, new LetterTally(), pageKey, run);
        pipeline.skipUnchanged(work);
        pipeline.map(work);
        pipeline.upsert(work);
        pipeline.settleLetters(work);
        pipeline.rememberPage(work);
        return work.counts();
    }

    private long storedPages() throws Exception {
        return pg.queryLong("select count(*) from stored_page");
    }

    @Test
    void a_page_listed_again_as_it_was_when_stored_in_full_is_unchanged_without_a_lookup_of_its_records() throws Exception {
        List<RawRecord> page = List.of(proxy(sid(1), T1, "2026-11-20T09:00:00Z"), proxy(sid(2), T1, null));
        assertThat(placed("KS1/0", page, Trigger.MANUAL)).isEqualTo(new RunCounts(2, 2, 0, 0));
        assertThat(storedPages()).isEqualTo(1);

        // The store never deletes a session; deleting one here tells the two ways apart: a lookup of the
        // records' versions would find sid 2 missing and write it again, the stored page does not look.
        pg.execute("delete from session where source_id = ?", sid(2));
        assertThat(placed("KS1/0", page, Trigger.MANUAL)).isEqualTo(new RunCounts(2, 0, 2, 0));
        assertThat(store.find("twilio-proxy", sid(2))).isEmpty();
    }

    @Test
    void a_page_read_ahead_has_its_trees_built_then_unless_it_is_stored_unchanged() throws Exception {
        List<RawRecord> page = List.of(proxy(sid(1), T1, "2026-11-20T09:00:00Z"), proxy(sid(2), T1, null));
        assertThat(page).noneMatch(RawRecord::hasTree);
        pipeline.prepare("twilio-proxy", "KS1/0", page);
        assertThat(page).as("a page not stored yet").allMatch(RawRecord::hasTree);
        placed("KS1/0", page, Trigger.MANUAL);

        List<RawRecord> again = List.of(proxy(sid(1), T1, "2026-11-20T09:00:00Z"), proxy(sid(2), T1, null));
        pipeline.prepare("twilio-proxy", "KS1/0", again);
        assertThat(again).as("the page as it was stored in full").noneMatch(RawRecord::hasTree);
        assertThat(placed("KS1/0", again, Trigger.MANUAL)).isEqualTo(new RunCounts(2, 0, 2, 0));
        assertThat(again).as("nor by the page's own steps").noneMatch(RawRecord::hasTree);
    }

    @Test
    void after_a_lookup_that_found_nothing_stored_a_runs_pages_are_mapped_without_one_until_an_upsert_finds_a_stored_record()
            throws Exception {
        placed("KS1/9", List.of(proxy(sid(1), T1, null), proxy(sid(3), T1, null)), Trigger.MANUAL);
        VersionLookups run = new VersionLookups();
        // as a backfill starts: the first page's lookup finds none of its records stored
        assertThat(placed("KS1/0", List.of(proxy(sid(10), T1, null), proxy(sid(11), T1, null)), Trigger.MANUAL, run))
                .isEqualTo(new RunCounts(2, 2, 0, 0));

        RawRecord storedOne = proxy(sid(1), T1, null);
        assertThat(placed("KS1/1", List.of(storedOne, proxy(sid(12), T1, null)), Trigger.MANUAL, run))
                .as("the store's guard counts the stored one unchanged").isEqualTo(new RunCounts(2, 1, 1, 0));
        assertThat(storedOne.hasTree()).as("mapped, for no lookup was made").isTrue();

        RawRecord storedThree = proxy(sid(3), T1, null);
        assertThat(placed("KS1/2", List.of(storedThree, proxy(sid(13), T1, null)), Trigger.MANUAL, run))
                .isEqualTo(new RunCounts(2, 1, 1, 0));
        assertThat(storedThree.hasTree()).as("looked up again after the upsert found one stored: not mapped").isFalse();
    }

    @Test
    void a_changed_version_anywhere_in_a_stored_page_makes_the_page_checked_record_by_record() throws Exception {
        List<RawRecord> page = List.of(proxy(sid(1), T1, "2026-11-20T09:00:00Z"), proxy(sid(2), T1, null));
        placed("KS1/0", page, Trigger.MANUAL);

        List<RawRecord> changed = List.of(proxy(sid(1), T1, "2026-11-20T09:00:00Z"), proxy(sid(2), T2, null));
        assertThat(placed("KS1/0", changed, Trigger.MANUAL)).isEqualTo(new RunCounts(2, 1, 1, 0));
        assertThat(store.find("twilio-proxy", sid(2)).orElseThrow().sourceUpdatedAt()).isEqualTo(T2);
        // ... and the page, stored in full again, is remembered as it now is
        pg.execute("delete from session where source_id = ?", sid(2));
        assertThat(placed("KS1/0", changed, Trigger.MANUAL)).isEqualTo(new RunCounts(2, 0, 2, 0));
    }

    @Test
    void the_same_records_at_another_place_or_in_another_order_are_checked_record_by_record() throws Exception {
        RawRecord a = proxy(sid(1), T1, "2026-11-20T09:00:00Z");
        RawRecord b = proxy(sid(2), T1, null);
        placed("KS1/0", List.of(a, b), Trigger.MANUAL);
        pg.execute("delete from session where source_id = ?", sid(2));

        assertThat(placed("KS1/1", List.of(a, b), Trigger.MANUAL)).as("another page").isEqualTo(new RunCounts(2, 1, 1, 0));
        pg.execute("delete from session where source_id = ?", sid(2));
        assertThat(placed("KS1/0", List.of(b, a), Trigger.MANUAL)).as("another order").isEqualTo(new RunCounts(2, 1, 1, 0));
    }

    @Test
    void a_page_with_a_dead_lettered_record_is_not_remembered_so_its_records_are_tried_again_next_run() throws Exception {
        List<RawRecord> page = List.of(proxy(sid(1), T1, "not-a-date"), proxy(sid(2), T1, null));
        assertThat(placed("KS1/0", page, Trigger.MANUAL)).isEqualTo(new RunCounts(2, 1, 0, 1));
        assertThat(storedPages()).isZero();

        RunCounts again = placed("KS1/0", page, Trigger.MANUAL);
        assertThat(again.unchanged()).as("sid 2 is stored").isEqualTo(1);
        assertThat(again.failed() + again.skipped()).as("sid 1 went through mapping again").isEqualTo(1);
        assertThat(storedPages()).isZero();
    }

    @Test
    void a_page_with_a_record_without_id_or_version_is_never_remembered() throws Exception {
        List<RawRecord> page = List.of(proxy(sid(1), T1, "2026-11-20T09:00:00Z"), proxy(sid(2), null, null));
        placed("KS1/0", page, Trigger.MANUAL);
        assertThat(storedPages()).isZero();
    }

    @Test
    void a_replay_looks_at_no_stored_page() throws Exception {
        List<RawRecord> page = List.of(proxy(sid(1), T1, "2026-11-20T09:00:00Z"), proxy(sid(2), T1, null));
        placed("KS1/0", page, Trigger.MANUAL);
        pg.execute("delete from session where source_id = ?", sid(2));

        assertThat(placed("KS1/0", page, Trigger.REPLAY).written()).isEqualTo(1);
        assertThat(store.find("twilio-proxy", sid(2))).isPresent();
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
