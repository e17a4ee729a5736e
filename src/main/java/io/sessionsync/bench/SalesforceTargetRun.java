package io.sessionsync.bench;

import io.sessionsync.app.SessionSyncApplication;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.run.Trigger;
import io.sessionsync.sandbox.ProxySessionGenerator;
import io.sessionsync.delivery.DeliverySummary;
import io.sessionsync.delivery.TargetDelivery;
import io.sessionsync.sandbox.SalesforceSimulator;
import io.sessionsync.sandbox.TwilioProxySimulator;
import io.sessionsync.source.twilio.TwilioProxySource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.main.Main;

/**
 * Twilio Proxy sessions synced on to the Salesforce target (EngagementInteraction, sObject Collections
 * upserts of 200) against the Salesforce simulator, counting the API calls it took.
 */
public final class SalesforceTargetRun {
    /** How long the phase waits for a delivery pass the delivery route's tick has going (as the sync command). */
    private static final Duration DRAIN_WAIT = Duration.ofMinutes(2);
    /** Every endpoint the simulator counts; their sum is every call the run made. */
    private static final List<String> ENDPOINTS = List.of("login", "query", "queryAll", "queryMore", "upsert", "limits", "401", "403");

    private final BenchSchema schema;
    private final int batchSize;

    public SalesforceTargetRun(BenchSchema schema, int batchSize) {
        this.schema = schema;
        this.batchSize = batchSize;
    }

    /** Calls made during the run (the token revoke at shutdown is not counted). */
    public record Result(PhaseResult phase, long upsertCalls, long loginCalls, long upsertedRecords) {}

    public Result run(int sessions) throws Exception {
        ProxySessionGenerator data = new ProxySessionGenerator(7, sessions, PipelineBackfill.SERVICES, 0.0);
        String token = PipelineBackfill.randomHex();
        try (TwilioProxySimulator twilio = new TwilioProxySimulator(data, data.accountSid(), token, 0);
             SalesforceSimulator salesforce = new SalesforceSimulator(1)) {
            Map<String, String> o = PipelineBackfill.storeOverrides(schema, batchSize);
            o.put("sessionsync.twilio.enabled", "true");
            o.put("sessionsync.twilio.base-url", twilio.baseUrl());
            o.put("sessionsync.twilio.account-sid", data.accountSid());
            o.put("sessionsync.twilio.auth-token", token);
            o.put("sessionsync.twilio.service-sids", String.join(",", PipelineBackfill.SERVICES));
            o.put("sessionsync.salesforce.target.enabled", "true");
            o.put("sessionsync.salesforce.target.sources", TwilioProxySource.NAME);
            o.put("sessionsync.salesforce.login-url", salesforce.url());
            o.put("sessionsync.salesforce.instance-url", "");
            o.put("sessionsync.salesforce.auth-type", "CLIENT_CREDENTIALS");
            o.put("sessionsync.salesforce.client-id", SalesforceSimulator.CLIENT_ID);
            o.put("sessionsync.salesforce.client-secret", SalesforceSimulator.CLIENT_SECRET);
            Main main = SessionSyncApplication.create(false, null, SessionSyncApplication.ONE_OFF_ROUTES, o);
            main.start();
            try {
                SyncService sync = main.getCamelContext().getRegistry().lookupByNameAndType("syncService", SyncService.class);
                PhaseClock clock = PhaseClock.start();
                RunSummary run = sync.run(TwilioProxySource.NAME, Trigger.MANUAL);
                // The run stores and queues; the delivery drains the outbox to Salesforce in full calls. The
                // delivery route's own tick may have a pass going: wait for it, as the sync command does.
                DeliverySummary delivered = main.getCamelContext().getRegistry()
                        .lookupByNameAndType("targetDelivery", TargetDelivery.class).drainWaiting("salesforce", DRAIN_WAIT);
                if (!delivered.succeeded()) throw new IllegalStateException("Salesforce delivery failed: " + delivered.error());
                PhaseClock.Reading took = clock.stop();
                if (!run.succeeded()) throw new IllegalStateException("Salesforce target run failed: " + run.error());
                long calls = 0;
                for (String e : ENDPOINTS) calls += salesforce.calls(e);
                var c = run.counts();
                PhaseResult phase = new PhaseResult("salesforce target", c.read(), c.written(), c.unchanged(), c.failed(),
                        took.wall(), took.peakHeapBytes(), calls, took.window());
                return new Result(phase, salesforce.calls("upsert"), salesforce.calls("login"), salesforce.upsertedCount());
            } finally {
                main.stop();
            }
        }
    }
}
