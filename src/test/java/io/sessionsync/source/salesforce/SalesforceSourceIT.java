package io.sessionsync.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionsync.model.RawRecord;
import io.sessionsync.run.Trigger;
import io.sessionsync.reliability.ErrorClassifier;
import io.sessionsync.salesforce.SalesforceBudget;
import io.sessionsync.salesforce.SalesforceSettings;
import io.sessionsync.sandbox.SalesforceSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Salesforce source through real camel-salesforce against the local simulator. */
class SalesforceSourceIT {
    static final int PER_OBJECT = 120;
    static final int PAGE = 50;
    static final Duration OVERLAP = Duration.ofMinutes(10);

    SalesforceSimulator sim;
    SalesforceBudget budget;
    SalesforceRoutes source;

    @BeforeEach
    void start() throws Exception {
        sim = new SalesforceSimulator(PER_OBJECT).pageSize(PAGE);
        budget = new SalesforceBudget();
        source = new SalesforceRoutes(SalesforceSettings.clientCredentials(
                sim.url(), SalesforceSimulator.CLIENT_ID, SalesforceSimulator.CLIENT_SECRET), fields(), budget,
                new SalesforceSource.Options(OVERLAP, 0.8, "session-sync:"));
    }

    static Map<String, Set<String>> fields() {
        Map<String, Set<String>> f = new LinkedHashMap<>();
        f.put("SOSSession", Set.of("StartTime", "EndTime", "ContactId", "CaseId"));
        f.put("MessagingSession", Set.of("Status", "StartTime", "EndTime", "AgentType", "ChannelType"));
        f.put("EngagementInteraction", Set.of("ExternalIdentifier", "CommunicationChannel", "StartDateTime", "Status"));
        return f;
    }

    @AfterEach
    void stop() {
        if (source != null) source.close();
        if (sim != null) sim.close();
    }

    @Test
    void first_run_follows_next_records_url_through_every_page_of_every_object() throws Exception {
        RecordingSyncContext ctx = new RecordingSyncContext(Trigger.MANUAL);
        source.read(ctx);

        assertThat(ctx.records("SOSSession")).hasSize(PER_OBJECT);
        assertThat(ctx.records("MessagingSession")).hasSize(PER_OBJECT);
        // every 10th generated EngagementInteraction carries our ExternalIdentifier prefix: skipped
        assertThat(ctx.records("EngagementInteraction")).hasSize(PER_OBJECT - 12);
        assertThat(source.skippedOwnRecords()).isEqualTo(12);
        assertThat(ctx.records("EngagementInteraction")).noneMatch(r -> r.json().contains("\"session-sync:"));

        assertThat(sim.calls("query")).isEqualTo(3);
        assertThat(sim.calls("queryMore")).isEqualTo(3 * 2); // 120 records, 50 a page
        assertThat(sim.calls("queryAll")).isEqualTo(3);
        assertThat(ctx.pages).hasSize(9).allSatisfy(p -> assertThat(p.size()).isLessThanOrEqualTo(PAGE));

        // checkpoint after every live page, ending at the newest SystemModstamp
        assertThat(ctx.checkpointLog.stream().filter(s -> s.startsWith("SOSSession="))).hasSize(3);
        Instant newestSos = ctx.records("SOSSession").stream().map(RawRecord::version).max(Instant::compareTo).orElseThrow();
        assertThat(ctx.checkpoints.get("SOSSession")).isEqualTo(newestSos);

        RawRecord first = ctx.records("MessagingSession").get(0);
        assertThat(first.source()).isEqualTo("salesforce");
        assertThat(first.id()).isEqualTo(sim.idOf("MessagingSession", 1));
        assertThat(first.version()).isNotNull();
        assertThat(first.json()).contains("\"attributes\"").contains("\"IsDeleted\":false")
                .containsPattern("\"SystemModstamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000\\+0000\"");
        assertThat(ctx.records().stream().map(RawRecord::id).distinct()).hasSize(ctx.records().size());
        assertThat(source.lastRunStopped()).isFalse();
    }

    @Test
    void second_run_reads_only_what_changed_plus_the_overlap_window() throws Exception {
        RecordingSyncContext first = new RecordingSyncContext(Trigger.SCHEDULE);
        source.read(first);
        Instant checkpoint = first.checkpoints.get("SOSSession");
        List<String> touched = sim.touch("SOSSession", 3);

        RecordingSyncContext second = first.nextRun(Trigger.SCHEDULE);
        source.read(second);

        List<RawRecord> read = second.records("SOSSession");
        assertThat(read.stream().filter(r -> r.version().isAfter(checkpoint)).map(RawRecord::id))
                .containsExactlyInAnyOrderElementsOf(touched);
        // the rest are overlap re-reads: never older than checkpoint minus the overlap
        assertThat(read).allSatisfy(r -> assertThat(r.version()).isAfterOrEqualTo(checkpoint.minus(OVERLAP)));
        assertThat(read.size()).isLessThan(20);
        assertThat(second.checkpoints.get("SOSSession")).isAfter(checkpoint);
        // objects without changes: only the overlap again, the checkpoint stays
        assertThat(second.records("MessagingSession")).allSatisfy(r ->
                assertThat(r.version()).isBetween(first.checkpoints.get("MessagingSession").minus(OVERLAP),
                        first.checkpoints.get("MessagingSession")));
        assertThat(second.checkpoints.get("MessagingSession")).isEqualTo(first.checkpoints.get("MessagingSession"));
    }

    @Test
    void a_deleted_record_is_found_through_query_all_only() throws Exception {
        RecordingSyncContext first = new RecordingSyncContext(Trigger.SCHEDULE);
        source.read(first);
        String id = sim.idOf("MessagingSession", 5);
        sim.delete("MessagingSession", id);

        RecordingSyncContext second = first.nextRun(Trigger.SCHEDULE);
        source.read(second);

        List<RawRecord> hits = second.records("MessagingSession").stream().filter(r -> r.id().equals(id)).toList();
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).json()).contains("\"IsDeleted\":true");
        assertThat(second.checkpoints.get("MessagingSession")).isEqualTo(hits.get(0).version());
    }

    @Test
    void an_expired_session_logs_in_again_and_goes_on() throws Exception {
        source.read(new RecordingSyncContext(Trigger.MANUAL));
        assertThat(sim.calls("login")).isEqualTo(1);
        sim.expireSessions();

        RecordingSyncContext again = new RecordingSyncContext(Trigger.MANUAL);
        source.read(again);

        assertThat(sim.calls("401")).isGreaterThanOrEqualTo(1);
        assertThat(sim.calls("login")).isEqualTo(2);
        assertThat(again.records("SOSSession")).hasSize(PER_OBJECT);
    }

    @Test
    void the_budget_stops_a_scheduled_run_cleanly_and_the_next_run_resumes() throws Exception {
        // SOSSession takes 4 calls (queryAll, query, 2 queryMore); MessagingSession's first page pushes usage over 80 %.
        sim.apiUsage(3995, 5000);
        RecordingSyncContext ctx = new RecordingSyncContext(Trigger.SCHEDULE);
        source.read(ctx);

        assertThat(source.lastRunStopped()).isTrue();
        assertThat(budget.used()).isEqualTo(4001);
        assertThat(budget.max()).isEqualTo(5000);
        assertThat(ctx.records("SOSSession")).hasSize(PER_OBJECT);
        assertThat(ctx.records("MessagingSession")).hasSize(PAGE);
        assertThat(ctx.checkpoints.get("MessagingSession")).isEqualTo(ctx.records("MessagingSession").get(PAGE - 1).version());
        assertThat(ctx.records("EngagementInteraction")).isEmpty();
        assertThat(ctx.checkpoints).doesNotContainKey("EngagementInteraction");

        sim.apiUsage(0, 5000); // a new day: the stale 4001/5000 reading must not stop the run before its first call
        RecordingSyncContext next = ctx.nextRun(Trigger.SCHEDULE);
        source.read(next);
        assertThat(source.lastRunStopped()).isFalse();
        assertThat(next.records("MessagingSession").stream().map(RawRecord::id))
                .contains(sim.idOf("MessagingSession", PAGE + 1), sim.idOf("MessagingSession", PER_OBJECT));
        assertThat(next.records("EngagementInteraction")).hasSize(PER_OBJECT - 12);
    }

    @Test
    void the_budget_does_not_stop_a_manual_run() throws Exception {
        sim.apiUsage(4500, 5000);
        RecordingSyncContext ctx = new RecordingSyncContext(Trigger.MANUAL);
        source.read(ctx);
        assertThat(source.lastRunStopped()).isFalse();
        assertThat(budget.share()).isGreaterThan(0.9);
        assertThat(ctx.records("EngagementInteraction")).hasSize(PER_OBJECT - 12);
    }

    @Test
    void request_limit_exceeded_stops_a_scheduled_run_and_is_transient_for_others() throws Exception {
        sim.requestLimitExceeded(true);
        RecordingSyncContext scheduled = new RecordingSyncContext(Trigger.SCHEDULE);
        source.read(scheduled); // no exception: nothing to dead-letter
        assertThat(source.lastRunStopped()).isTrue();
        assertThat(scheduled.pages).isEmpty();
        assertThat(scheduled.checkpointLog).isEmpty();
        assertThat(sim.calls("403")).isEqualTo(1);

        assertThatThrownBy(() -> source.read(new RecordingSyncContext(Trigger.MANUAL)))
                .isInstanceOf(SalesforceException.class)
                .satisfies(e -> {
                    assertThat(ErrorClassifier.isTransient(e)).isTrue();
                    assertThat(ErrorClassifier.errorCode(e)).contains("REQUEST_LIMIT_EXCEEDED");
                });
        // transient to the classifier, yet not retried: retrying spends more of a budget that is gone
        assertThat(sim.calls("403")).isEqualTo(2);
    }

    @Test
    void fetch_reads_one_record_by_id_and_refuses_our_own() throws Exception {
        String id = sim.idOf("MessagingSession", 7);
        RawRecord r = source.fetch("MessagingSession", id).orElseThrow();
        assertThat(r.id()).isEqualTo(id);
        assertThat(r.json()).contains("\"Status\"");
        assertThat(source.fetch("MessagingSession", "0Mw5g0000099999AAA")).isEmpty();
        assertThat(source.fetch("EngagementInteraction", sim.idOf("EngagementInteraction", 4))).isEmpty(); // generated #3 (0-based) is ours
        assertThatThrownBy(() -> source.fetch("MessagingSession", "x' OR Id != '")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bad_credentials_fail_without_leaking_the_secret() throws Exception {
        try (SalesforceRoutes bad = new SalesforceRoutes(SalesforceSettings.clientCredentials(
                sim.url(), SalesforceSimulator.CLIENT_ID, "CANARY-WRONG-SECRET"), fields(), new SalesforceBudget(),
                SalesforceSource.Options.DEFAULTS)) {
            assertThatThrownBy(() -> bad.read(new RecordingSyncContext(Trigger.MANUAL)))
                    .satisfies(e -> assertThat(stackText(e)).contains("authentication failure").doesNotContain("CANARY"));
        }
    }

    private static String stackText(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) sb.append(t).append('\n');
        return sb.toString();
    }
}
