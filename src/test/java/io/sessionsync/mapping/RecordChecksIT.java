package io.sessionsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.app.SandboxSupport;
import io.sessionsync.app.SessionSyncApplication;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.sandbox.SalesforceSimulator;
import io.sessionsync.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real application syncs the sandbox Salesforce org into PostgreSQL with the shipped mappings:
 * the records the simulator breaks on purpose fail their mapping's checks and are dead-lettered with
 * the check's reason, none of them reaches the session table, and every other record is stored.
 */
class RecordChecksIT {
    /** 20000 sandbox sessions a source: 6666 records of each Salesforce object. */
    private static final int PER_OBJECT = 6666;
    /** Every 25th SOSSession ends 120 s before it starts (SessionDuration -120); every 40th MessagingSession, from the 20th, has no start. */
    private static final int BROKEN_SOS = 266;
    private static final int BROKEN_MESSAGING = 167;
    /** Every 10th EngagementInteraction carries session-sync's own prefix: the loop guard skips it. */
    private static final int OWN_INTERACTIONS = 667;

    @TempDir Path dir;
    private TestPostgres pg;
    private Main app;
    private SalesforceSimulator salesforce;

    @BeforeEach
    void start() throws Exception {
        pg = TestPostgres.freshSchema("it_checks");
        Path config = dir.resolve("checks.properties");
        Files.writeString(config, "sessionsync.store.url = " + pg.url() + "\n"
                + "sessionsync.store.user = " + TestPostgres.USER + "\n"
                + "sessionsync.sandbox.sessions-per-source = " + 3 * PER_OBJECT + "\n"
                + "sessionsync.salesforce.target.enabled = false\n"
                + "sessionsync.retry.initial-delay-ms = 10\n");
        app = SessionSyncApplication.create(true, config.toString(), SessionSyncApplication.ONE_OFF_ROUTES, Map.of());
        app.start();
        salesforce = app.getCamelContext().getRegistry().lookupByNameAndType("sandbox", SandboxSupport.class).salesforce();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) app.stop();
        if (pg != null) pg.close();
    }

    @Test
    void the_simulators_broken_records_and_only_those_are_dead_lettered_with_the_check_and_never_stored() throws Exception {
        assertThat(salesforce.recordCount("SOSSession")).isEqualTo(PER_OBJECT);
        Set<String> brokenSos = new HashSet<>(), brokenMessaging = new HashSet<>();
        for (int n = 1; n <= PER_OBJECT; n++) {
            if (n % 25 == 0) brokenSos.add(salesforce.idOf("SOSSession", n));
            if (n % 40 == 20) brokenMessaging.add(salesforce.idOf("MessagingSession", n));
        }
        assertThat(brokenSos).hasSize(BROKEN_SOS);
        assertThat(brokenMessaging).hasSize(BROKEN_MESSAGING);

        @SuppressWarnings("unchecked")
        List<RunSummary> runs = app.getCamelContext().createProducerTemplate()
                .requestBodyAndHeader("direct:sync", null, "source", "salesforce", List.class);
        RunSummary run = runs.get(0);
        long read = 3L * PER_OBJECT - OWN_INTERACTIONS;
        assertThat(run.status()).as(run.error()).isEqualTo(RunSummary.SUCCEEDED);
        assertThat(run.counts().read()).isEqualTo(read);
        assertThat(run.counts().failed()).isEqualTo(BROKEN_SOS + BROKEN_MESSAGING);
        assertThat(run.counts().written()).isEqualTo(read - BROKEN_SOS - BROKEN_MESSAGING);

        // Exactly the broken records are dead-lettered, at the mapping stage, with the check's reason.
        assertThat(letters("SOSSession")).isEqualTo(brokenSos);
        assertThat(letters("MessagingSession")).isEqualTo(brokenMessaging);
        assertThat(letters("EngagementInteraction")).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM dead_letter WHERE source = 'salesforce' AND NOT (stage = 'mapping'"
                + " AND error_class = 'RecordMappingException' AND status = 'pending')")).isZero();
        assertThat(count("SELECT COUNT(*) FROM dead_letter WHERE object = 'SOSSession'"
                + " AND message LIKE '%salesforce-sos-session.yaml%check ''endedAt: not-before startedAt'' failed%'"
                + " AND message LIKE '%check ''durationSeconds: not-negative'' failed%'"
                + " AND payload LIKE '%\"SessionDuration\":-120%'")).isEqualTo(BROKEN_SOS);
        assertThat(count("SELECT COUNT(*) FROM dead_letter WHERE object = 'MessagingSession'"
                + " AND message LIKE '%salesforce-messaging-session.yaml%check ''startedAt: required'' failed%'"
                + " AND payload LIKE '%\"StartTime\":null%'")).isEqualTo(BROKEN_MESSAGING);

        // None of them is in the session table; every good record is.
        Set<String> stored = storedIds();
        assertThat(stored).doesNotContainAnyElementsOf(brokenSos).doesNotContainAnyElementsOf(brokenMessaging);
        assertThat(count("SELECT COUNT(*) FROM session WHERE source_object = 'SOSSession'")).isEqualTo(PER_OBJECT - BROKEN_SOS);
        assertThat(count("SELECT COUNT(*) FROM session WHERE source_object = 'MessagingSession'")).isEqualTo(PER_OBJECT - BROKEN_MESSAGING);
        assertThat(count("SELECT COUNT(*) FROM session WHERE source_object = 'EngagementInteraction'")).isEqualTo(PER_OBJECT - OWN_INTERACTIONS);
        for (int n = 1; n <= PER_OBJECT; n++) {
            String sos = salesforce.idOf("SOSSession", n), messaging = salesforce.idOf("MessagingSession", n);
            assertThat(stored.contains(sos)).as(sos).isNotEqualTo(brokenSos.contains(sos));
            assertThat(stored.contains(messaging)).as(messaging).isNotEqualTo(brokenMessaging.contains(messaging));
        }
        assertThat(count("SELECT COUNT(*) FROM session WHERE source = 'salesforce' AND (duration_seconds < 0"
                + " OR wait_seconds < 0 OR ended_at < started_at)")).isZero();
        assertThat(count("SELECT COUNT(*) FROM session WHERE source_object = 'MessagingSession' AND started_at IS NULL")).isZero();
    }

    private Set<String> letters(String object) throws Exception {
        return ids("SELECT record_id FROM dead_letter WHERE source = 'salesforce' AND object = '" + object + "'");
    }

    private Set<String> storedIds() throws Exception {
        return ids("SELECT source_id FROM session WHERE source = 'salesforce'");
    }

    private Set<String> ids(String sql) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = pg.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) assertThat(out.add(rs.getString(1))).as("duplicate " + rs.getString(1)).isTrue();
        }
        return out;
    }

    private long count(String sql) throws Exception {
        return pg.queryLong(sql);
    }
}
