package io.sessionsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.sessionsync.app.SessionSyncApplication;
import io.sessionsync.ops.OpsStatus;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.run.Trigger;
import io.sessionsync.sandbox.SalesforceSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Salesforce goes down in the middle of a run for longer than the whole retry budget, then comes back.
 * The sessions the store took wait in the delivery outbox (visible in /ops/status and the metrics) and
 * reach Salesforce by themselves once it is back: every stored session exactly once, no manual step,
 * no dead letter. (Before the outbox, the store committed them, the target write failed, and the next
 * run skipped them as unchanged: 788 of 19,779 never arrived.)
 */
class DeliveryOutageIT extends WithPgSchema {
    static final int SESSIONS = 3000;

    @Test
    void a_salesforce_outage_longer_than_the_retries_delays_deliveries_and_loses_none() throws Exception {
        try (SandboxApp app = SandboxApp.start(schema, "delivery-" + schema.name,
                SessionSyncApplication.ONE_OFF_ROUTES, Map.of(
                "sessionsync.sandbox.sessions-per-source", String.valueOf(SESSIONS),
                "sessionsync.evovoice.enabled", "false",
                "sessionsync.salesforce.target.enabled", "true",
                "sessionsync.salesforce.target.sources", "twilio-proxy",
                "sessionsync.twilio.page-size", "50",
                "sessionsync.delivery.poll-ms", "100",
                // The whole retry budget of one call is a few milliseconds: the outage outlasts it many times.
                "sessionsync.retry.max-attempts", "3"))) {
            SalesforceSimulator salesforce = app.sandbox().salesforce();
            int before = salesforce.recordCount("EngagementInteraction");

            CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> app.sync().run("twilio-proxy", Trigger.MANUAL));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> run.isDone() || salesforce.upsertedCount() >= 200);
            salesforce.setTransientFailureRate(1.0);  // down: every call answers 503
            assertThat(run).as("Salesforce went down while the run was going").isNotDone();

            RunSummary first = run.get(3, TimeUnit.MINUTES);
            assertThat(first.status()).as("a target outage does not fail the run of the store").isEqualTo(RunSummary.SUCCEEDED);
            assertThat(app.sessions().count("twilio-proxy")).isEqualTo(SESSIONS);
            await().atMost(Duration.ofMinutes(1)).until(() -> salesforce.calls("503") >= 6);

            // Waiting, and visible as such.
            Map<String, Object> status = app.bean("opsStatus", OpsStatus.class).snapshot();
            @SuppressWarnings("unchecked")
            Map<String, Object> sf = ((List<Map<String, Object>>) status.get("deliveries")).get(0);
            long pending = (Long) sf.get("pending");
            assertThat(pending).isPositive().isEqualTo(SESSIONS - salesforce.upsertedCount());
            assertThat((String) sf.get("lastError")).contains("SERVER_UNAVAILABLE");
            MeterRegistry meters = app.bean("metricsRegistry", MeterRegistry.class);
            assertThat(meters.get("sessionsync.deliveries.pending").tag("target", "salesforce").gauge().value())
                    .isEqualTo((double) pending);

            // The next run finds nothing changed in the store; that no longer means "delivered".
            RunSummary second = app.sync().run("twilio-proxy", Trigger.MANUAL);
            assertThat(second.counts().written()).isZero();

            salesforce.setTransientFailureRate(0.0);  // back
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> schema.count("SELECT COUNT(*) FROM target_delivery WHERE status = 'pending'") == 0);

            assertThat(schema.count("SELECT COUNT(*) FROM target_delivery WHERE status = 'delivered'")).isEqualTo(SESSIONS);
            assertThat(salesforce.upsertedCount()).isEqualTo(SESSIONS);
            assertThat(salesforce.recordCount("EngagementInteraction") - before)
                    .as("one EngagementInteraction per stored session: none missing, none twice").isEqualTo(SESSIONS);
            assertThat(schema.count("SELECT COUNT(*) FROM dead_letter")).isZero();
        }
    }
}
