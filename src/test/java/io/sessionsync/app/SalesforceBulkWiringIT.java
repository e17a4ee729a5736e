package io.sessionsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.sandbox.SalesforceSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk settings reach the Salesforce source of the real application: with the threshold below
 * the org's size a sandbox sync reads through Bulk API 2.0 jobs, and a second run (a small window)
 * goes back to REST and writes nothing new.
 */
class SalesforceBulkWiringIT {

    @TempDir
    Path dir;

    @Test
    void a_backfill_over_the_configured_threshold_goes_through_bulk_jobs() throws Exception {
        Path config = dir.resolve("app.properties");
        Files.writeString(config, "sessionsync.store.url = jdbc:h2:file:" + dir.resolve("store").toAbsolutePath() + "\n"
                + "sessionsync.sandbox.sessions-per-source = 600\n"
                + "sessionsync.salesforce.source.bulk-threshold = 50\n"
                + "sessionsync.salesforce.source.bulk-poll-ms = 5\n"
                + "sessionsync.salesforce.source.bulk-page-records = 70\n");
        Main app = SessionSyncApplication.create(true, config.toString(), SessionSyncApplication.ONE_OFF_ROUTES, Map.of());
        app.start();
        try {
            SalesforceSimulator sf = app.getCamelContext().getRegistry()
                    .lookupByNameAndType("sandbox", SandboxSupport.class).salesforce();
            ProducerTemplate template = app.getCamelContext().createProducerTemplate();

            RunSummary first = sync(template);
            assertThat(first.status()).isEqualTo(RunSummary.SUCCEEDED);
            assertThat(sf.calls("bulkCreate")).isEqualTo(6); // 3 objects x (queryAll, query)
            assertThat(sf.calls("bulkResults")).isEqualTo(3 * (1 + 3)); // 200 a object at 70 a page; one empty deleted page
            assertThat(sf.calls("queryMore")).isZero();
            // 200 per object, minus the 20 EngagementInteractions session-sync wrote itself (loop guard)
            assertThat(first.counts().read()).isEqualTo(3 * 200 - 20);

            RunSummary second = sync(template);
            assertThat(second.status()).isEqualTo(RunSummary.SUCCEEDED);
            assertThat(sf.calls("bulkCreate")).isEqualTo(6); // the overlap window is small: REST again
            assertThat(second.counts().written()).isZero();
        } finally {
            app.stop();
        }
    }

    @SuppressWarnings("unchecked")
    private static RunSummary sync(ProducerTemplate template) {
        List<RunSummary> runs = template.requestBodyAndHeader("direct:sync", null, "source", "salesforce", List.class);
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }
}
