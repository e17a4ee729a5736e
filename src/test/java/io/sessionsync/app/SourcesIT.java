package io.sessionsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real routes and sources of the application against the simulators, into PostgreSQL, run by
 * run as an operator would see them: a backfill across many pages, an incremental run that writes
 * only what changed, a rate limit ridden out, an authentication failure that fails the run clearly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SourcesIT {
    private TestPostgres pg;
    private Main app;
    private SandboxSupport sandbox;
    private ProducerTemplate template;

    @BeforeAll
    void start() throws Exception {
        pg = TestPostgres.freshSchema("it_sources");
        Path config = Files.createTempFile("sources", ".properties");
        config.toFile().deleteOnExit();
        Files.writeString(config, "sessionsync.store.url = " + pg.url() + "\n"
                + "sessionsync.store.user = " + TestPostgres.USER + "\n"
                + "sessionsync.sandbox.sessions-per-source = 2345\n"
                + "sessionsync.sandbox.broken-share = 0\n"
                + "sessionsync.twilio.page-size = 200\n"
                + "sessionsync.evovoice.count-per-page = 150\n"
                + "sessionsync.retry.initial-delay-ms = 10\n"
                + "sessionsync.retry.max-attempts = 3\n");
        app = SessionSyncApplication.create(true, config.toString(), SessionSyncApplication.ONE_OFF_ROUTES, Map.of());
        app.start();
        sandbox = app.getCamelContext().getRegistry().lookupByNameAndType("sandbox", SandboxSupport.class);
        template = app.getCamelContext().createProducerTemplate();
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) app.stop();
        if (pg != null) pg.close();
    }

    @SuppressWarnings("unchecked")
    private RunSummary sync(String source) {
        List<RunSummary> runs = template.requestBodyAndHeader("direct:sync", null, "source", source, List.class);
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }

    @Test
    @Order(1)
    void a_first_run_pages_through_every_session_of_every_service() throws Exception {
        long before = sandbox.twilio().requestCount();
        long participantsBefore = sandbox.twilio().participantRequestCount();
        RunSummary run = sync("twilio-proxy");
        assertThat(run.status()).isEqualTo(RunSummary.SUCCEEDED);
        assertThat(run.counts().read()).isEqualTo(2345);
        assertThat(run.counts().written()).isEqualTo(2345);
        // Two services, 200 a page: ceil(1173/200) + ceil(1172/200) = 6 + 6 list calls,
        // and one Participants call per new session.
        long participantCalls = sandbox.twilio().participantRequestCount() - participantsBefore;
        assertThat(participantCalls).isEqualTo(2345);
        assertThat(sandbox.twilio().requestCount() - before - participantCalls).isEqualTo(12);
        assertThat(pg.queryLong("select count(*) from session where source = 'twilio-proxy'")).isEqualTo(2345);
        // each list page, stored in full, is remembered by its service and index for the next run
        assertThat(pg.queryLong("select count(*) from stored_page where source = 'twilio-proxy' and page_key like 'KS%/_'"))
                .isEqualTo(12);

        RunSummary evo = sync("evovoice");
        assertThat(evo.status()).isEqualTo(RunSummary.SUCCEEDED);
        assertThat(evo.counts().written()).isEqualTo(pg.queryLong("select count(*) from session where source = 'evovoice'"))
                .isGreaterThan(150 * 3);
    }

    @Test
    @Order(2)
    void an_incremental_run_rewrites_only_the_sessions_that_changed() throws Exception {
        String changed = sandbox.proxyData().sid(42);
        sandbox.twilio().touch(changed);
        RunSummary run = sync("twilio-proxy");
        assertThat(run.counts().written()).isEqualTo(1);
        assertThat(run.counts().unchanged()).isEqualTo(2344);
        assertThat(pg.queryLong("select count(*) from session where source_id = ? and synced_at > "
                + "(select min(started_at) from sync_run where id = (select max(id) from sync_run))", changed)).isEqualTo(1);

        String evoChanged = sandbox.evoData().id(sandbox.evoData().count() - 3);
        assertThat(sandbox.evoVoice().touch(evoChanged)).isTrue();
        RunSummary evo = sync("evovoice");
        assertThat(evo.counts().written()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void a_rate_limited_call_is_retried_and_the_run_succeeds() {
        sandbox.twilio().failNext(1, 429, 1);
        RunSummary run = sync("twilio-proxy");
        assertThat(run.status()).isEqualTo(RunSummary.SUCCEEDED);
        assertThat(run.counts().read()).isEqualTo(2345);
    }

    @Test
    @Order(4)
    void an_authentication_failure_fails_the_run_with_a_clear_message() throws Exception {
        sandbox.twilio().failNext(1, 401, null);
        RunSummary run = sync("twilio-proxy");
        assertThat(run.status()).isEqualTo(RunSummary.FAILED);
        assertThat(run.error()).contains("Twilio").contains("401");
        assertThat(pg.queryLong("select count(*) from sync_run where status = 'failed' and error like '%401%'")).isEqualTo(1);
        assertThat(pg.queryLong("select count(*) from dead_letter where source = 'twilio-proxy'")).as("a run failure is not a record failure").isZero();
    }
}
