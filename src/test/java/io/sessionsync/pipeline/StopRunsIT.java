package io.sessionsync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.model.RawRecord;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.run.Trigger;
import io.sessionsync.store.CheckpointStore;
import io.sessionsync.store.Database;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.RunStore;
import io.sessionsync.store.SessionStore;
import io.sessionsync.store.StoreSettings;
import io.sessionsync.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SyncService told to stop (as the app does when Camel starts stopping) with the real pipeline and a
 * PostgreSQL store: the run going ends before its next page, recorded as interrupted with the pages it
 * wrote; no new run starts; a webhook run is let through (its inbox event waits on it).
 */
class StopRunsIT {
    static final Instant T1 = Instant.parse("2026-11-20T10:15:30Z");

    TestPostgres pg;
    Database db;
    RunStore runs;
    SessionStore sessions;
    SyncService sync;
    final List<String> pagesAfterStop = new ArrayList<>();

    /** A source of three pages of two sessions; the stop comes while its second page is being fetched. */
    final SourceAdapter source = new SourceAdapter() {
        @Override public String name() { return "twilio-proxy"; }

        @Override
        public void sync(SyncContext ctx) {
            ctx.accept(List.of(proxy(1), proxy(2)));
            sync.stopRuns();
            ctx.accept(List.of(proxy(3), proxy(4)));
            pagesAfterStop.add("page 2 was written");
            ctx.accept(List.of(proxy(5), proxy(6)));
        }

        @Override
        public Optional<RawRecord> fetch(String object, String id) {
            return Optional.empty();
        }
    };

    @BeforeEach
    void setUp() {
        pg = TestPostgres.freshSchema("it_stop");
        db = Database.open(new StoreSettings(pg.url(), TestPostgres.USER, "", 2));
        runs = new RunStore(db);
        sessions = new SessionStore(db);
        RecordPipeline pipeline = new RecordPipeline(MappingRegistry.load("classpath:mappings"), sessions,
                new DeadLetterStore(db), RetryPolicy.once());
        sync = new SyncService(List.of(source), pipeline, runs, new CheckpointStore(db));
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
        pg.close();
    }

    @Test
    void a_run_told_to_stop_ends_before_its_next_page_recorded_as_interrupted_with_its_counts() throws Exception {
        RunSummary run = sync.run("twilio-proxy", Trigger.SCHEDULE);

        assertThat(pagesAfterStop).isEmpty();
        assertThat(run.status()).isEqualTo(RunSummary.FAILED);
        assertThat(run.error()).isEqualTo("interrupted: the service was stopped");
        assertThat(run.counts().read()).isEqualTo(2);
        assertThat(run.counts().written()).isEqualTo(2);
        var recorded = runs.find(run.runId()).orElseThrow();
        assertThat(recorded.status()).isEqualTo("failed");
        assertThat(recorded.error()).isEqualTo("interrupted: the service was stopped");
        assertThat(recorded.counts().read()).isEqualTo(2);
        assertThat(sessions.find("twilio-proxy", sid(1))).isPresent();
        assertThat(sessions.find("twilio-proxy", sid(3))).isEmpty();
        assertThat(sync.awaitRunsDone(Duration.ZERO)).as("nothing left going").isTrue();

        RunSummary next = sync.run("twilio-proxy", Trigger.MANUAL);
        assertThat(next.status()).isEqualTo(RunSummary.SKIPPED);
        assertThat(next.error()).isEqualTo("the service is stopping");
        assertThat(runs.recent(10)).hasSize(1);

        RunSummary webhook = sync.process("twilio-proxy", Trigger.WEBHOOK, List.of(proxy(7)));
        assertThat(webhook.status()).as("a webhook run is one claimed record: let through").isEqualTo(RunSummary.SUCCEEDED);
        assertThat(sessions.find("twilio-proxy", sid(7))).isPresent();
    }

    static String sid(int n) {
        return "KC" + String.format("%032x", n);
    }

    static RawRecord proxy(int n) {
        String json = "{\"sid\":\"" + sid(n) + "\",\"service_sid\":\"KS" + "1".repeat(32) + "\",\"account_sid\":\"AC" + "2".repeat(32)
                + "\",\"status\":\"closed\",\"mode\":\"voice-only\",\"date_started\":\"2026-11-20T09:00:00Z\""
                + ",\"date_ended\":null,\"date_created\":\"2026-11-20T09:00:00Z\",\"date_updated\":\"" + T1 + "\"}";
        return new RawRecord("twilio-proxy", "Session", sid(n), T1, json);
    }
}
