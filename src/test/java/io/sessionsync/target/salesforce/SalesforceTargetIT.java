package io.sessionsync.target.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.Channel;
import io.sessionsync.model.RawRecord;
import io.sessionsync.run.RunCounts;
import io.sessionsync.delivery.SessionTarget.TargetFailure;
import io.sessionsync.pipeline.SyncContext;
import io.sessionsync.run.Trigger;
import io.sessionsync.source.salesforce.SalesforceRoutes;
import io.sessionsync.source.salesforce.SalesforceSource;
import java.util.Optional;
import io.sessionsync.salesforce.SalesforceComponentFactory;
import io.sessionsync.salesforce.SalesforceSettings;
import io.sessionsync.sandbox.SalesforceSimulator;
import io.sessionsync.salesforce.SalesforceBudget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Salesforce target through real camel-salesforce against the local simulator. */
class SalesforceTargetIT {
    static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");

    /** A stand-in for the mapping engine's target mapping: only what the test needs. */
    static final TargetRecordMapper MAPPER = s -> {
        if ("explode".equals(s.outcome())) throw new IllegalArgumentException("outcome 'explode' has no Status value");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ExternalIdentifier", "session-sync:" + s.source() + ":" + s.sourceId());
        r.put("CommunicationChannel", s.channel() == Channel.VIDEO ? "Video Call" : "Voice Call");
        r.put("StartDateTime", s.startedAt());
        r.put("EndDateTime", s.endedAt());
        r.put("Status", "Completed");
        return r;
    };

    SalesforceSimulator sim;
    CamelContext camel;
    SalesforceBudget budget;
    SalesforceTarget target;

    @BeforeEach
    void start() throws Exception {
        sim = new SalesforceSimulator(10);
        camel = new DefaultCamelContext();
        SalesforceComponentFactory.register(camel, SalesforceSettings.clientCredentials(
                sim.url(), SalesforceSimulator.CLIENT_ID, SalesforceSimulator.CLIENT_SECRET));
        camel.start();
        budget = new SalesforceBudget();
        target = TargetRoutes.load(camel, new SalesforceTarget(camel.createProducerTemplate(), MAPPER, budget));
    }

    @AfterEach
    void stop() {
        if (camel != null) camel.stop();
        if (sim != null) sim.close();
    }

    static List<CanonicalSession> sessions(int n) {
        List<CanonicalSession> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(CanonicalSession.builder().source("twilio-proxy").sourceId(String.format("KC%032d", i))
                    .channel(Channel.VOICE).startedAt(T0.plusSeconds(i)).endedAt(T0.plusSeconds(i + 300))
                    .sourceUpdatedAt(T0.plusSeconds(i + 300)).build());
        }
        return out;
    }

    @Test
    void four_hundred_fifty_upserts_go_in_three_calls_and_the_one_without_start_is_returned_as_failure() throws Exception {
        List<CanonicalSession> sessions = sessions(450);
        CanonicalSession noStart = sessions.get(321).toBuilder().startedAt(null).build();
        sessions.set(321, noStart);

        List<TargetFailure> failures = target.write(sessions);

        assertThat(sim.calls("upsert")).isEqualTo(3);
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).session()).isSameAs(noStart);
        assertThat(failures.get(0).errorCode()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(failures.get(0).message()).contains("StartDateTime");
        assertThat(sim.upsertedCount()).isEqualTo(449);
        assertThat(sim.upserted("session-sync:twilio-proxy:" + noStart.sourceId())).isNull();
        Map<String, Object> landed = sim.upserted("session-sync:twilio-proxy:" + sessions.get(0).sourceId());
        assertThat(landed).containsEntry("StartDateTime", "2026-11-21T09:00:01.000+0000")
                .containsEntry("attributes", Map.of("type", "EngagementInteraction"));
        assertThat(budget.used()).isEqualTo(3);
    }

    @Test
    void writing_the_same_sessions_again_updates_instead_of_duplicating() throws Exception {
        int before = sim.recordCount("EngagementInteraction");
        assertThat(target.write(sessions(5))).isEmpty();
        assertThat(target.write(sessions(5))).isEmpty();
        assertThat(sim.recordCount("EngagementInteraction")).isEqualTo(before + 5);
    }

    @Test
    void a_session_the_mapper_rejects_is_a_mapping_failure_and_the_rest_still_land() throws Exception {
        List<CanonicalSession> sessions = sessions(3);
        sessions.set(1, sessions.get(1).toBuilder().outcome("explode").build());

        List<TargetFailure> failures = target.write(sessions);

        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.errorCode()).isEqualTo(SalesforceTarget.MAPPING);
            assertThat(f.message()).contains("explode");
        });
        assertThat(sim.upsertedCount()).isEqualTo(2);
        assertThat(sim.calls("upsert")).isEqualTo(1);
    }

    @Test
    void an_expired_session_logs_in_again_and_the_batch_lands() throws Exception {
        target.write(sessions(1));
        sim.expireSessions();
        assertThat(target.write(sessions(4))).isEmpty();
        assertThat(sim.calls("login")).isEqualTo(2);
        assertThat(sim.upsertedCount()).isEqualTo(4);
    }

    @Test
    void what_we_wrote_is_recognised_by_the_loop_guard_when_polled_back() throws Exception {
        assertThat(target.write(sessions(30))).isEmpty();
        try (SalesforceRoutes source = new SalesforceRoutes(SalesforceSettings.clientCredentials(
                sim.url(), SalesforceSimulator.CLIENT_ID, SalesforceSimulator.CLIENT_SECRET),
                Map.of("EngagementInteraction", Set.of("ExternalIdentifier", "StartDateTime")), budget,
                SalesforceSource.Options.DEFAULTS)) {
            List<RawRecord> polled = new ArrayList<>();
            source.read(new PageCollector(polled));

            assertThat(polled).isNotEmpty().noneMatch(r -> r.json().contains("session-sync:"));
            assertThat(source.skippedOwnRecords()).isEqualTo(30 + 1); // ours plus the one generated with our prefix
        }
    }

    /** Collects pages; no checkpoints kept. */
    record PageCollector(List<RawRecord> into) implements SyncContext {
        @Override public long runId() { return 1; }
        @Override public Trigger trigger() { return Trigger.MANUAL; }
        @Override public Optional<Instant> since() { return Optional.empty(); }
        @Override public Optional<Instant> checkpoint(String object) { return Optional.empty(); }
        @Override public void saveCheckpoint(String object, Instant watermark) {}
        @Override public RunCounts accept(List<RawRecord> page) { into.addAll(page); return RunCounts.ZERO; }
    }

    @Test
    void accepts_only_configured_sources() {
        assertThat(target.accepts("twilio-proxy")).isTrue();
        assertThat(target.accepts("evovoice")).isTrue();
        assertThat(target.accepts("salesforce")).isFalse();
        SalesforceTarget onlyEvo = new SalesforceTarget(camel.createProducerTemplate(), MAPPER, Set.of("evovoice"), budget, 50);
        assertThat(onlyEvo.accepts("twilio-proxy")).isFalse();
    }
}
