package io.sessionsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionsync.model.RawRecord;
import io.sessionsync.run.RunCounts;
import io.sessionsync.run.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checkpoints, runs, dead letters and the webhook inbox, run against each database. */
abstract class StateStoresContract {
    private static final Instant T = Instant.parse("2026-11-20T10:15:30.123456Z");

    protected Database db;

    protected abstract Database openDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = openDatabase();
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    // --- checkpoints

    @Test
    void a_checkpoint_moves_forward_but_never_back_except_by_reset() {
        CheckpointStore checkpoints = new CheckpointStore(db);
        assertThat(checkpoints.get("salesforce", "SOSSession")).isEmpty();

        checkpoints.advance("salesforce", "SOSSession", T);
        checkpoints.advance("salesforce", "SOSSession", T.plusSeconds(60));
        checkpoints.advance("salesforce", "SOSSession", T.plusSeconds(30));
        assertThat(checkpoints.get("salesforce", "SOSSession")).contains(T.plusSeconds(60));

        checkpoints.reset("salesforce", "SOSSession", T.minusSeconds(3600));
        assertThat(checkpoints.get("salesforce", "SOSSession")).contains(T.minusSeconds(3600));
        assertThat(checkpoints.get("salesforce", "MessagingSession")).isEmpty();
    }

    // --- runs

    @Test
    void a_run_is_recorded_from_start_to_finish() {
        RunStore runs = new RunStore(db);

        long first = runs.start("twilio-proxy", Trigger.SCHEDULE);
        long second = runs.start("evo-voice", Trigger.MANUAL);
        RunRecord running = runs.find(first).orElseThrow();
        runs.finish(first, new RunCounts(10, 6, 3, 1), RunStore.SUCCEEDED, null);
        runs.finish(second, RunCounts.ZERO, RunStore.FAILED, "Evo Voice answered 500");

        assertThat(running.status()).isEqualTo("running");
        assertThat(running.trigger()).isEqualTo("schedule");
        assertThat(running.finishedAt()).isNull();
        RunRecord done = runs.find(first).orElseThrow();
        assertThat(done.status()).isEqualTo("succeeded");
        assertThat(done.counts()).isEqualTo(new RunCounts(10, 6, 3, 1));
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        assertThat(runs.recent(10)).extracting(RunRecord::id).containsExactly(second, first);
        assertThat(runs.recent(1).get(0).error()).isEqualTo("Evo Voice answered 500");
        assertThat(runs.find(-1)).isEmpty();
        assertThatThrownBy(() -> runs.finish(first, RunCounts.ZERO, "done", null)).hasMessageContaining("done");
    }

    @Test
    void runs_left_running_by_a_dead_process_are_closed_as_interrupted_for_their_source_and_triggers_only() {
        RunStore runs = new RunStore(db);
        long killedSchedule = runs.start("twilio-proxy", Trigger.SCHEDULE);
        long killedManual = runs.start("twilio-proxy", Trigger.MANUAL);
        long webhook = runs.start("twilio-proxy", Trigger.WEBHOOK);
        long otherSource = runs.start("evovoice", Trigger.SCHEDULE);
        long finished = runs.start("twilio-proxy", Trigger.SCHEDULE);
        runs.finish(finished, new RunCounts(1, 1, 0, 0), RunStore.SUCCEEDED, null);

        assertThat(runs.failInterrupted("twilio-proxy", java.util.EnumSet.of(Trigger.SCHEDULE, Trigger.MANUAL))).isEqualTo(2);

        for (long id : new long[] {killedSchedule, killedManual}) {
            RunRecord r = runs.find(id).orElseThrow();
            assertThat(r.status()).isEqualTo("failed");
            assertThat(r.error()).startsWith("interrupted");
            assertThat(r.finishedAt()).isNotNull();
        }
        assertThat(runs.find(webhook).orElseThrow().status()).isEqualTo("running");
        assertThat(runs.find(otherSource).orElseThrow().status()).isEqualTo("running");
        assertThat(runs.find(finished).orElseThrow().status()).isEqualTo("succeeded");
    }

    // --- dead letters

    private static RawRecord raw(String id, Instant version, String json) {
        return new RawRecord("twilio-proxy", "Session", id, version, json);
    }

    @Test
    void a_record_failing_twice_leaves_one_letter_with_two_attempts() {
        DeadLetterStore letters = new DeadLetterStore(db);

        long first = letters.record(raw("KC1", T, "{\"v\":1}"), "mapping", "RecordMappingException", null, "bad mode");
        long second = letters.record(raw("KC1", T.plusSeconds(1), "{\"v\":2}"), "mapping", "RecordMappingException", "E2", "worse mode");

        assertThat(second).isEqualTo(first);
        DeadLetter letter = letters.find(first).orElseThrow();
        assertThat(letter.attempts()).isEqualTo(2);
        assertThat(letter.payload()).isEqualTo("{\"v\":2}");
        assertThat(letter.recordVersion()).isEqualTo(T.plusSeconds(1));
        assertThat(letter.message()).isEqualTo("worse mode");
        assertThat(letter.errorCode()).isEqualTo("E2");
        assertThat(letter.lastFailedAt()).isAfterOrEqualTo(letter.firstFailedAt());
        assertThat(letter.status()).isEqualTo("pending");
        assertThat(letters.countPending()).isEqualTo(1);
        // Another stage of the same record is its own letter.
        assertThat(letters.record(raw("KC1", T, "{}"), "salesforce", "X", null, "m")).isNotEqualTo(first);
    }

    @Test
    void two_instances_recording_the_same_failure_at_once_leave_one_letter() throws Exception {
        DeadLetterStore letters = new DeadLetterStore(db);
        int perWriter = 15;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Long>>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Callable<List<Long>> writer = () -> {
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        ids.add(letters.record(raw("KC-race", T, "{}"), "store", "SQLException", null, "boom"));
                    }
                    return ids;
                };
                writers.add(pool.submit(writer));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<List<Long>> f : writers) ids.addAll(f.get(60, TimeUnit.SECONDS));
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(letters.find(ids.get(0)).orElseThrow().attempts()).isEqualTo(2 * perWriter);
        } finally {
            pool.shutdownNow();
        }
        assertThat(letters.list(DeadLetterFilter.all())).hasSize(1);
    }

    @Test
    void resolve_replay_and_discard_end_pending_letters() {
        DeadLetterStore letters = new DeadLetterStore(db);
        long mapping = letters.record(raw("KC1", T, "{}"), "mapping", "E", null, "m");
        long target = letters.record(raw("KC1", T, "{}"), "salesforce", "E", null, "m");
        long other = letters.record(raw("KC2", T, "{}"), "mapping", "E", null, "m");
        long third = letters.record(raw("KC3", T, "{}"), "mapping", "E", null, "m");

        assertThat(letters.resolve("twilio-proxy", "Session", "KC1")).isEqualTo(2);
        assertThat(letters.find(mapping).orElseThrow().status()).isEqualTo("replayed");
        assertThat(letters.find(target).orElseThrow().status()).isEqualTo("replayed");
        assertThat(letters.discard(other, "test data")).isTrue();
        assertThat(letters.discard(other, "again")).isFalse();
        assertThat(letters.find(other).orElseThrow().discardReason()).isEqualTo("test data");
        assertThat(letters.markReplayed(third)).isTrue();
        assertThat(letters.markReplayed(third)).isFalse();
        assertThat(letters.countPending()).isZero();

        // A failure after the letter was resolved opens a new one.
        long reopened = letters.record(raw("KC1", T, "{}"), "mapping", "E", null, "m");
        assertThat(reopened).isNotEqualTo(mapping);
        assertThat(letters.countPending()).isEqualTo(1);
    }

    @Test
    void settling_a_page_replays_only_the_pending_letters_of_its_records_and_stages() {
        DeadLetterStore letters = new DeadLetterStore(db);
        List<String> stages = List.of("enrich", "mapping", "store");
        assertThat(letters.resolveStages("twilio-proxy", List.of("KC1", "KC2"), stages)).isZero();
        long mapping = letters.record(raw("KC1", T, "{}"), "mapping", "E", null, "m");
        long store = letters.record(raw("KC2", T, "{}"), "store", "E", null, "m");
        long target = letters.record(raw("KC2", T, "{}"), "salesforce", "E", null, "m");
        long notInPage = letters.record(raw("KC3", T, "{}"), "mapping", "E", null, "m");
        long discarded = letters.record(raw("KC4", T, "{}"), "mapping", "E", null, "m");
        letters.discard(discarded, "test data");

        int settled = letters.resolveStages("twilio-proxy", List.of("KC1", "KC2", "KC4", "KC9"), stages);

        assertThat(settled).isEqualTo(2);
        assertThat(letters.find(mapping).orElseThrow().status()).isEqualTo("replayed");
        assertThat(letters.find(store).orElseThrow().status()).isEqualTo("replayed");
        // a target's letter is settled by its delivery; other records and operators' decisions stay
        assertThat(letters.find(target).orElseThrow().status()).isEqualTo("pending");
        assertThat(letters.find(notInPage).orElseThrow().status()).isEqualTo("pending");
        assertThat(letters.find(discarded).orElseThrow().status()).isEqualTo("discarded");
        assertThat(letters.resolveStages("evovoice", List.of("KC3"), stages)).isZero();
    }

    @Test
    void dead_letters_are_filtered_by_source_status_text_and_time() {
        DeadLetterStore letters = new DeadLetterStore(db);
        long a = letters.record(raw("KC1", T, "{}"), "mapping", "RecordMappingException", "UNKNOWN_MODE", "mode 'video' is 100% unknown");
        long b = letters.record(new RawRecord("salesforce", "SOSSession", "0Mw1", T, "{}"), "salesforce", "SalesforceException",
                "INVALID_FIELD", "No such column");
        letters.discard(b, "noise");

        assertThat(ids(letters.list(DeadLetterFilter.all()))).containsExactly(b, a);
        assertThat(ids(letters.list(new DeadLetterFilter("twilio-proxy", null, null, null, null, 0)))).containsExactly(a);
        assertThat(ids(letters.list(new DeadLetterFilter(null, "discarded", null, null, null, 0)))).containsExactly(b);
        assertThat(ids(letters.list(new DeadLetterFilter(null, null, "invalid_field", null, null, 0)))).containsExactly(b);
        assertThat(ids(letters.list(new DeadLetterFilter(null, null, "100%", null, null, 0)))).containsExactly(a);
        assertThat(letters.list(new DeadLetterFilter(null, null, "100%x", null, null, 0))).isEmpty();
        // LIKE wildcards in the text are literal: "no_such" would match "No such column" otherwise.
        assertThat(letters.list(new DeadLetterFilter(null, null, "no_such", null, null, 0))).isEmpty();
        Instant lastA = letters.find(a).orElseThrow().lastFailedAt();
        assertThat(ids(letters.list(new DeadLetterFilter(null, null, null, lastA, lastA.plusNanos(1000), 0)))).containsExactly(a);
        assertThat(letters.list(new DeadLetterFilter(null, null, null, Instant.now().plus(Duration.ofDays(1)), null, 0))).isEmpty();
        assertThat(letters.list(new DeadLetterFilter(null, null, null, null, null, 1))).hasSize(1);
    }

    @Test
    void hostile_filter_text_is_bound_as_a_value() {
        DeadLetterStore letters = new DeadLetterStore(db);
        SessionStore sessions = new SessionStore(db);
        sessions.upsert(List.of(Sessions.sparse("S1", T)));
        letters.record(raw("KC1", T, "{}"), "mapping", "E", null, "m");
        String hostile = "'; drop table session; --";

        assertThat(letters.list(new DeadLetterFilter(hostile, hostile, hostile, null, null, 0))).isEmpty();
        assertThat(letters.list(new DeadLetterFilter(null, null, hostile, null, null, 0))).isEmpty();

        assertThat(sessions.count()).isEqualTo(1);
        assertThat(letters.countPending()).isEqualTo(1);
    }

    private static List<Long> ids(List<DeadLetter> letters) {
        return letters.stream().map(DeadLetter::id).toList();
    }

    // --- webhook inbox

    @Test
    void the_inbox_stores_an_event_once_and_hands_it_out_once_until_done() {
        WebhookInbox inbox = new WebhookInbox(db);

        assertThat(inbox.offer("twilio-proxy", "KC1:IN1", "{\"a\":1}")).isTrue();
        assertThat(inbox.offer("twilio-proxy", "KC1:IN1", "{\"a\":1}")).isFalse();
        assertThat(inbox.offer("evo-voice", "ev-2", "{\"b\":2}")).isTrue();
        assertThat(inbox.pending()).isEqualTo(2);

        List<InboxEvent> claimed = inbox.claim(10);
        assertThat(claimed).extracting(InboxEvent::eventKey).containsExactly("KC1:IN1", "ev-2");
        assertThat(claimed.get(0).payload()).isEqualTo("{\"a\":1}");
        assertThat(claimed.get(0).attempts()).isEqualTo(1);
        assertThat(inbox.claim(10)).as("leased events are not handed out again").isEmpty();

        inbox.markDone(claimed.get(0).id());
        inbox.markFailed(claimed.get(1).id(), "bad payload");
        assertThat(inbox.pending()).isZero();
        assertThat(inbox.offer("twilio-proxy", "KC1:IN1", "{}")).as("a done event stays deduplicated").isFalse();
    }

    @Test
    void an_event_whose_lease_ran_out_is_claimed_again() {
        WebhookInbox inbox = new WebhookInbox(db, Duration.ZERO);
        inbox.offer("twilio-proxy", "KC1:IN1", "{}");

        InboxEvent first = inbox.claim(5).get(0);
        InboxEvent again = inbox.claim(5).get(0);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.attempts()).isEqualTo(2);
    }

    @Test
    void claims_take_the_oldest_events_first_up_to_the_limit() {
        WebhookInbox inbox = new WebhookInbox(db);
        for (int i = 0; i < 5; i++) inbox.offer("evo-voice", "e" + i, "{}");

        assertThat(inbox.claim(2)).extracting(InboxEvent::eventKey).containsExactly("e0", "e1");
        assertThat(inbox.claim(2)).extracting(InboxEvent::eventKey).containsExactly("e2", "e3");
        assertThat(inbox.claim(0)).isEmpty();
    }

    @Test
    void two_workers_claiming_at_once_never_get_the_same_event() throws Exception {
        WebhookInbox inbox = new WebhookInbox(db);
        int events = 60;
        for (int i = 0; i < events; i++) inbox.offer("evo-voice", "e" + i, "{}");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (List<InboxEvent> batch = inbox.claim(3); !batch.isEmpty(); batch = inbox.claim(3)) {
                        for (InboxEvent e : batch) {
                            mine.add(e.eventKey());
                            inbox.markDone(e.id());
                        }
                    }
                    return mine;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : workers) all.addAll(f.get(60, TimeUnit.SECONDS));
            assertThat(all).hasSize(events).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
        assertThat(inbox.pending()).isZero();
    }

    @Test
    void the_same_key_from_two_sources_is_two_events() {
        WebhookInbox inbox = new WebhookInbox(db);
        assertThat(inbox.offer("twilio-proxy", "k".repeat(64), "{}")).isTrue();
        assertThat(inbox.offer("evovoice", "k".repeat(64), "{}")).as("another source, same key").isTrue();
        assertThat(inbox.pending()).isEqualTo(2);
    }

    @Test
    void an_unbounded_key_is_refused_with_a_clear_error_before_the_database_sees_it() {
        WebhookInbox inbox = new WebhookInbox(db);
        assertThatThrownBy(() -> inbox.offer("evovoice", "x".repeat(WebhookInbox.MAX_KEY_LENGTH + 1), "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evovoice").hasMessageContaining("digest");
        assertThat(inbox.pending()).isZero();
    }

    @Test
    void an_event_deferred_after_a_transient_failure_stays_pending_and_is_claimed_after_its_backoff() {
        WebhookInbox inbox = new WebhookInbox(db);
        inbox.offer("twilio-proxy", "KC1:IN1", "{}");
        InboxEvent first = inbox.claim(5).get(0);

        inbox.retryLater(List.of(first.id()), "Connection is not available", Duration.ofHours(1));
        assertThat(inbox.pending()).isEqualTo(1);
        assertThat(inbox.claim(5)).as("still backing off").isEmpty();

        inbox.retryLater(List.of(first.id()), "Connection is not available", Duration.ZERO);
        InboxEvent again = inbox.claim(5).get(0);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.attempts()).isEqualTo(2);
        inbox.markDone(List.of(again.id()));
        assertThat(inbox.pending()).isZero();
    }
}
