package io.sessionsync.target.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.cluster.RunLock;
import io.sessionsync.delivery.DeliverySummary;
import io.sessionsync.delivery.TargetDelivery;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.RecordPipeline;
import io.sessionsync.run.RunCounts;
import io.sessionsync.run.Trigger;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.salesforce.SalesforceBudget;
import io.sessionsync.salesforce.SalesforceComponentFactory;
import io.sessionsync.salesforce.SalesforceSettings;
import io.sessionsync.sandbox.SalesforceSimulator;
import io.sessionsync.store.Database;
import io.sessionsync.store.DeadLetterFilter;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.DeliveryOutbox;
import io.sessionsync.store.SessionStore;
import io.sessionsync.store.StoreSettings;
import io.sessionsync.testing.TcpProxy;
import io.sessionsync.testing.TestPostgres;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twilio Proxy sessions through the whole pipeline into PostgreSQL, queued in the delivery outbox and
 * drained through camel-salesforce into EngagementInteraction: 450 sessions go out in 3 sObject
 * Collections calls; the one Salesforce refuses is dead-lettered with Salesforce's own error code, the
 * other 449 land; calls are filled to 200 whatever the source's page size.
 */
class SalesforceTargetPipelineIT {
    @TempDir Path mappings;
    private TestPostgres pg;
    private Database db;
    private SalesforceSimulator salesforce;
    private CamelContext camel;

    @BeforeEach
    void setUp() throws Exception {
        pg = TestPostgres.freshSchema("it_sf_target");
        db = Database.open(new StoreSettings(pg.url(), TestPostgres.USER, "", 2));
        salesforce = new SalesforceSimulator(1);
        camel = new DefaultCamelContext();
        SalesforceComponentFactory.register(camel, SalesforceSettings.clientCredentials(salesforce.url(),
                SalesforceSimulator.CLIENT_ID, SalesforceSimulator.CLIENT_SECRET));
        camel.start();
        // The shipped target mapping refuses a session without a start itself; this copy lets it
        // through, so that Salesforce is the one to refuse it.
        for (String name : List.of("twilio-proxy-session.yaml", "salesforce-engagement-interaction-target.yaml")) {
            try (InputStream in = getClass().getResourceAsStream("/mappings/" + name)) {
                Files.copy(in, mappings.resolve(name));
            }
        }
        Path target = mappings.resolve("salesforce-engagement-interaction-target.yaml");
        String yaml = Files.readString(target);
        String relaxed = yaml.replaceAll("StartDateTime:.*", "StartDateTime: startedAt");
        assertThat(relaxed).isNotEqualTo(yaml);
        Files.writeString(target, relaxed);
    }

    @AfterEach
    void tearDown() throws Exception {
        camel.stop();
        salesforce.close();
        db.close();
        pg.close();
    }

    private static RawRecord session(int n, boolean started) {
        String sid = "KC" + String.format("%032x", n);
        String json = "{\"sid\":\"" + sid + "\",\"service_sid\":\"KS" + "1".repeat(32) + "\",\"status\":\"closed\","
                + "\"mode\":\"voice-only\",\"date_started\":" + (started ? "\"2026-11-20T09:00:00Z\"" : "null")
                + ",\"date_created\":null,\"date_updated\":\"2026-11-20T10:00:00Z\"}";
        return new RawRecord("twilio-proxy", "Session", sid, Instant.parse("2026-11-20T10:00:00Z"), json);
    }

    @Test
    void a_rejected_record_is_dead_lettered_with_salesforce_error_code_and_the_rest_of_the_batch_lands() throws Exception {
        SalesforceTarget target = TargetRoutes.load(camel, new SalesforceTarget(camel.createProducerTemplate(),
                MappingRegistry.load(mappings.toString()).target("salesforce", "EngagementInteraction").orElseThrow()::map,
                Set.of("twilio-proxy"), new SalesforceBudget(), 200));
        DeadLetterStore letters = new DeadLetterStore(db);
        SessionStore store = new SessionStore(db, 500, TargetDelivery.routes(List.of(target)));
        RecordPipeline pipeline = new RecordPipeline(MappingRegistry.load(mappings.toString()), store, letters, RetryPolicy.once());
        TargetDelivery delivery = TargetRoutes.loadDelivery(camel, new TargetDelivery(List.of(target), new DeliveryOutbox(db), RetryPolicy.once(), RunLock.local()), RetryPolicy.once());

        List<RawRecord> page = new ArrayList<>();
        for (int n = 0; n < 450; n++) page.add(session(n, n != 7));
        RunCounts counts = pipeline.process(page, Trigger.MANUAL);
        assertThat(counts).as("the store takes all 450; Salesforce's verdict comes with the delivery")
                .isEqualTo(new RunCounts(450, 450, 0, 0));
        assertThat(pg.queryLong("select count(*) from target_delivery where status = 'pending'")).isEqualTo(450);

        DeliverySummary pass = delivery.drain("salesforce");

        assertThat(pass).isEqualTo(new DeliverySummary("salesforce", 449, 1, 0, 0, null));
        assertThat(salesforce.calls("upsert")).isEqualTo(3);
        assertThat(salesforce.upsertedCount()).isEqualTo(449);
        assertThat(pg.queryLong("select count(*) from session")).isEqualTo(450);
        assertThat(pg.queryLong("select count(*) from target_delivery where status = 'delivered'")).isEqualTo(449);
        assertThat(letters.list(DeadLetterFilter.all())).singleElement().satisfies(l -> {
            assertThat(l.recordId()).isEqualTo("KC" + String.format("%032x", 7));
            assertThat(l.stage()).isEqualTo("salesforce");
            assertThat(l.errorCode()).isEqualTo("REQUIRED_FIELD_MISSING");
            assertThat(l.message()).contains("StartDateTime");
            assertThat(l.payload()).as("the letter holds the stored session that was sent").contains("\"startedAt\":null");
        });
        assertThat(pg.queryLong("select count(*) from target_delivery where status = 'refused'")).isEqualTo(1);

        // Nothing is due any more: a second pass sends nothing.
        assertThat(delivery.drain("salesforce").delivered()).isZero();
        assertThat(salesforce.calls("upsert")).isEqualTo(3);
    }

    @Test
    void calls_are_filled_to_200_across_source_pages() throws Exception {
        SalesforceTarget target = TargetRoutes.load(camel, new SalesforceTarget(camel.createProducerTemplate(),
                MappingRegistry.load(mappings.toString()).target("salesforce", "EngagementInteraction").orElseThrow()::map,
                Set.of("twilio-proxy"), new SalesforceBudget(), 200));
        SessionStore store = new SessionStore(db, 500, TargetDelivery.routes(List.of(target)));
        RecordPipeline pipeline = new RecordPipeline(MappingRegistry.load(mappings.toString()), store, new DeadLetterStore(db),
                RetryPolicy.once());
        // 1,000 sessions in pages of 100 (Evo Voice's page size): 5 full calls, not 10 half-full ones.
        for (int from = 0; from < 1000; from += 100) {
            List<RawRecord> page = new ArrayList<>();
            for (int n = from; n < from + 100; n++) page.add(session(n, true));
            pipeline.process(page, Trigger.MANUAL);
        }
        TargetRoutes.loadDelivery(camel, new TargetDelivery(List.of(target), new DeliveryOutbox(db), RetryPolicy.once(), RunLock.local()), RetryPolicy.once()).drain("salesforce");

        assertThat(salesforce.upsertedCount()).isEqualTo(1000);
        assertThat(salesforce.calls("upsert")).isEqualTo(5);
    }

    @Test
    void refusals_that_could_not_be_recorded_while_the_database_was_down_end_as_letters_once_it_is_back() throws Exception {
        try (TcpProxy link = TestPostgres.proxy();
             Database viaLink = Database.open(new StoreSettings(pg.url(link), TestPostgres.USER, "", 2))) {
            SalesforceTarget target = TargetRoutes.load(camel, new SalesforceTarget(camel.createProducerTemplate(),
                    MappingRegistry.load(mappings.toString()).target("salesforce", "EngagementInteraction").orElseThrow()::map,
                    Set.of("twilio-proxy"), new SalesforceBudget(), 200));
            SessionStore store = new SessionStore(viaLink, 500, TargetDelivery.routes(List.of(target)));
            new RecordPipeline(MappingRegistry.load(mappings.toString()), store, new DeadLetterStore(viaLink), RetryPolicy.once())
                    .process(refusedAmong(450, 7, 333), Trigger.MANUAL);
            TargetDelivery delivery = TargetRoutes.loadDelivery(camel, new TargetDelivery(List.of(target), new DeliveryOutbox(viaLink), RetryPolicy.once(), RunLock.local()), RetryPolicy.once());

            // The database goes away right after Salesforce applied the first call (which refuses one record).
            java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
            salesforce.afterUpsertApplied(() -> { if (once.compareAndSet(false, true)) link.cut(); });
            DeliverySummary outage = delivery.drain("salesforce");
            assertThat(outage.succeeded()).isFalse();
            assertThat(outage.delivered() + outage.refused()).as("nothing could be recorded").isZero();
            assertThat(salesforce.calls("upsert")).isEqualTo(1);

            link.restore();
            assertThat(pg.queryLong("select count(*) from dead_letter")).isZero();
            assertThat(pg.queryLong("select count(*) from target_delivery where status = 'pending'"))
                    .as("every delivery of the unrecorded call is still pending").isEqualTo(450);

            DeliverySummary back = delivery.drain("salesforce");

            assertThat(back).isEqualTo(new DeliverySummary("salesforce", 448, 2, 0, 0, null));
            assertThat(pg.queryLong("select count(*) from dead_letter where stage = 'salesforce' and status = 'pending'"
                    + " and error_code = 'REQUIRED_FIELD_MISSING'")).isEqualTo(2);
            assertThat(pg.queryLong("select count(*) from target_delivery where status = 'refused'")).isEqualTo(2);
            assertThat(pg.queryLong("select count(*) from target_delivery where status = 'delivered'")).isEqualTo(448);
            assertThat(salesforce.upsertedCount()).isEqualTo(448);
        }
    }

    private static List<RawRecord> refusedAmong(int n, int... withoutStart) {
        java.util.Set<Integer> refused = new java.util.HashSet<>();
        for (int i : withoutStart) refused.add(i);
        List<RawRecord> page = new ArrayList<>();
        for (int i = 0; i < n; i++) page.add(session(i, !refused.contains(i)));
        return page;
    }
}
