package io.sessionsync.source.evovoice;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.pipeline.RecordPipeline;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.run.Trigger;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.sandbox.EvoSessionGenerator;
import io.sessionsync.sandbox.EvoVoiceSimulator;
import io.sessionsync.sandbox.EvoVoiceSimulator.Change;
import io.sessionsync.store.CheckpointStore;
import io.sessionsync.store.Database;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.RunStore;
import io.sessionsync.store.SessionStore;
import io.sessionsync.store.StoreSettings;
import io.sessionsync.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #9, "updates are never missed by polling": the churning simulator changes sessions of every
 * age between (and during) runs; the real route file, pipeline and PostgreSQL store must hold every
 * change after the next run.
 */
class EvoVoiceChurnIT {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    static final List<String> ACCOUNTS = List.of("acc-1", "acc-2");
    static final RetryPolicy QUICK_RETRY = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), 2.0);

    // 1,200 sessions over 30 days: ~600 live (created in the last 15 days), ~600 archived.
    final EvoSessionGenerator gen = new EvoSessionGenerator(9, 1200, ACCOUNTS, CLOCK, Duration.ofDays(30), 0.0);
    TestPostgres pg;
    Database db;
    SessionStore store;
    CheckpointStore checkpoints;
    EvoVoiceSimulator sim;
    CamelContext camel;
    ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        pg = TestPostgres.freshSchema("it_evo_churn");
        db = Database.open(new StoreSettings(pg.url(), TestPostgres.USER, "", 2));
        store = new SessionStore(db);
        checkpoints = new CheckpointStore(db);
        sim = new EvoVoiceSimulator(gen, CLOCK, "sync-user", "pw-canary-71c2");
        camel = new DefaultCamelContext();
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        if (template != null) template.close();
        if (camel != null) camel.close();
        if (sim != null) sim.close();
        if (db != null) db.close();
        if (pg != null) pg.close();
    }

    EvoVoiceSettings settings() {
        return EvoVoiceSettings.basic(sim.baseUrl(), "sync-user", "pw-canary-71c2", ACCOUNTS).withCountPerPage(25);
    }

    SyncService service(EvoVoiceSettings settings) {
        var pipeline = new RecordPipeline(MappingRegistry.load("classpath:mappings"), store, new DeadLetterStore(db),
                RetryPolicy.once());
        return new SyncService(List.of(EvoVoiceRoutes.adapter(settings, QUICK_RETRY, CLOCK, template)), pipeline,
                new RunStore(db), checkpoints);
    }

    RunSummary run(SyncService service) {
        RunSummary s = service.run(EvoVoiceSource.NAME, Trigger.SCHEDULE);
        assertThat(s.succeeded()).as(s.toString()).isTrue();
        return s;
    }

    /**
     * The changed sessions whose latest change the store does not hold, with what it holds instead (a
     * session changed twice must hold the second change; the first was superseded at the source).
     */
    Map<String, String> missing(List<Change> changes) {
        Map<String, Instant> latest = new LinkedHashMap<>();
        for (Change c : changes) latest.merge(c.id(), c.version(), (a, b) -> b.isAfter(a) ? b : a);
        Map<String, String> out = new LinkedHashMap<>();
        latest.forEach((id, version) -> {
            Instant held = store.find(EvoVoiceSource.NAME, id).map(CanonicalSession::sourceUpdatedAt).orElse(null);
            if (!version.equals(held)) out.put(id, "expected " + version + ", store holds " + held);
        });
        return out;
    }

    @Test
    void should_store_by_the_next_run_every_change_made_between_runs_to_live_sessions_of_any_age() throws Exception {
        SyncService service = service(settings());
        run(service); // the first run: the live period, from the initial look-back
        List<Change> changes = sim.churnLive(64);

        run(service);

        assertThat(changes).hasSize(64);
        // The churn hit every age of the live period, not only the newest days.
        List<Instant> created = changes.stream().map(c -> gen.created(gen.indexOf(c.id()).orElseThrow())).sorted().toList();
        assertThat(Duration.between(created.get(0), created.get(created.size() - 1))).isGreaterThan(Duration.ofDays(13));
        assertThat(missing(changes)).isEmpty();
        assertThat(checkpoints.get(EvoVoiceSource.NAME, EvoVoiceSource.OBJECT))
                .contains(changes.get(changes.size() - 1).version());
    }

    @Test
    void should_store_every_change_after_many_rounds_of_churn_between_runs() throws Exception {
        SyncService service = service(settings());
        run(service);
        for (int round = 0; round < 4; round++) {
            sim.churnLive(20);
            run(service);
            assertThat(missing(sim.changes())).as("after round " + round).isEmpty();
        }
    }

    @Test
    void should_store_changes_made_while_a_run_pages_by_the_run_after() throws Exception {
        SyncService service = service(settings());
        run(service);
        sim.churnLive(30);
        sim.setChurnPerRequest(2); // the listing moves under the run's paging
        run(service);
        sim.setChurnPerRequest(0);

        run(service);

        assertThat(sim.changes()).hasSizeGreaterThan(30);
        assertThat(missing(sim.changes())).isEmpty();
    }

    @Test
    void should_store_changes_to_sessions_in_the_archive_when_it_lists_them_by_date_last_modified() throws Exception {
        SyncService service = service(settings());
        run(service);
        List<Change> changes = sim.churnArchived(5);

        run(service);

        assertThat(missing(changes)).isEmpty();
    }

    @Test
    void should_keep_the_checkpoint_when_the_call_budget_runs_out_and_store_every_change_once_a_run_completes() throws Exception {
        run(service(settings()));
        Instant before = checkpoints.get(EvoVoiceSource.NAME, EvoVoiceSource.OBJECT).orElseThrow();
        List<Change> changes = sim.churnLive(64); // 3 pages of 25, and the archive's page

        long calls = sim.requestCount();
        run(service(settings().withMaxCallsPerRun(2)));
        assertThat(sim.requestCount() - calls).isEqualTo(2);
        assertThat(checkpoints.get(EvoVoiceSource.NAME, EvoVoiceSource.OBJECT)).contains(before);
        assertThat(missing(changes)).isNotEmpty();

        run(service(settings()));
        assertThat(missing(changes)).isEmpty();
    }
}
