package io.sessionsync.source.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.Participant;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.RecordPipeline;
import io.sessionsync.pipeline.SyncContext;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.run.RunCounts;
import io.sessionsync.run.Trigger;
import io.sessionsync.sandbox.ProxySessionGenerator;
import io.sessionsync.sandbox.SandboxCustomers;
import io.sessionsync.sandbox.TwilioProxySimulator;
import io.sessionsync.store.Database;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.SessionStore;
import io.sessionsync.store.StoreSettings;
import io.sessionsync.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proxy participants through the real source, pipeline and PostgreSQL store, against the simulator:
 * fetched (paged) for new and changed sessions only, mapped with the real and the proxy number apart.
 */
class TwilioProxyParticipantsIT {
    static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
    static final String TOKEN = "token-" + "s3cr3t".repeat(4);
    static final String SERVICE = "KS" + "a".repeat(32);

    CamelContext camel;
    ProducerTemplate producer;
    TwilioProxySimulator simulator;
    TestPostgres pg;
    Database db;
    SessionStore store;
    DeadLetterStore letters;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.start();
        producer = camel.createProducerTemplate();
        pg = TestPostgres.freshSchema("it_participants");
        db = Database.open(new StoreSettings(pg.url(), TestPostgres.USER, "", 2));
        store = new SessionStore(db);
        letters = new DeadLetterStore(db);
    }

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) simulator.close();
        producer.close();
        camel.stop();
        db.close();
        pg.close();
    }

    /** @param pageSize also the PageSize of the Participants lists: 1 makes each session's two participants two pages */
    private void sync(int pageSize, RetryPolicy retry) throws Exception {
        TwilioSettings settings = new TwilioSettings(simulator.baseUrl(), ACCOUNT, TOKEN, null, null, List.of(SERVICE), pageSize);
        TwilioProxySource source = new TwilioProxySource(settings, producer, retry);
        RecordPipeline pipeline = new RecordPipeline(MappingRegistry.load("classpath:mappings"), store, letters, retry, List.of(source));
        TwilioRoutes.read(settings, retry, new PipelineContext(pipeline));
    }

    @Test
    void participants_are_fetched_for_new_and_changed_sessions_only() throws Exception {
        ProxySessionGenerator data = new ProxySessionGenerator(7, 30, List.of(SERVICE));
        simulator = new TwilioProxySimulator(data, ACCOUNT, TOKEN, 0);

        sync(1000, RetryPolicy.once());
        assertThat(simulator.participantRequestCount()).isEqualTo(30);
        assertThat(store.count()).isEqualTo(30);

        simulator.touch(data.sid(4));
        simulator.touch(data.sid(17));
        sync(1000, RetryPolicy.once());

        assertThat(simulator.participantRequestCount()).isEqualTo(32);
    }

    @Test
    void participants_are_paged_and_keep_the_real_and_the_proxy_number_apart() throws Exception {
        ProxySessionGenerator data = new ProxySessionGenerator(7, 3, List.of(SERVICE));
        simulator = new TwilioProxySimulator(data, ACCOUNT, TOKEN, 0);

        sync(1, RetryPolicy.once());

        // page size 1: two pages per session's two participants
        assertThat(simulator.participantRequestCount()).isEqualTo(6);
        CanonicalSession s = store.find("twilio-proxy", data.sid(2)).orElseThrow();
        String customerPhone = SandboxCustomers.phone(14);  // session 2, stride 7
        assertThat(s.participants()).hasSize(2);
        Participant customer = s.participants().get(0);
        assertThat(customer.identity()).isEqualTo(customerPhone);
        assertThat(customer.proxyIdentity()).startsWith("+1628555").isNotEqualTo(customerPhone);
        assertThat(s.customer().phone()).isEqualTo(customerPhone);
        assertThat(s.customerKey()).isEqualTo(customerPhone);
    }

    @Test
    void a_transient_failure_of_a_participants_call_is_retried_like_any_proxy_call() throws Exception {
        ProxySessionGenerator data = new ProxySessionGenerator(7, 1, List.of(SERVICE));
        simulator = new TwilioProxySimulator(data, ACCOUNT, TOKEN, 0);
        TwilioSettings settings = new TwilioSettings(simulator.baseUrl(), ACCOUNT, TOKEN, null, null, List.of(SERVICE), 1000);
        RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(2), 2.0);
        TwilioProxySource source = new TwilioProxySource(settings, producer, retry);
        RawRecord listed = TwilioProxySource.toRecord(new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(data.session(0, simulator.baseUrl())));

        simulator.failNext(1, 503, null);
        RawRecord enriched = source.enrich(listed);

        assertThat(simulator.participantRequestCount()).isEqualTo(1);  // the 503 was answered before routing
        assertThat(enriched.json()).contains("\"participants\":[{").contains(SandboxCustomers.phone(0));
        assertThat(source.enrich(enriched)).isSameAs(enriched);          // a replayed record keeps what it has
    }

    /** Hands each page to the real pipeline, as SyncService does. */
    private record PipelineContext(RecordPipeline pipeline) implements SyncContext {
        @Override public long runId() { return 1; }
        @Override public Trigger trigger() { return Trigger.MANUAL; }
        @Override public Optional<Instant> since() { return Optional.empty(); }
        @Override public Optional<Instant> checkpoint(String object) { return Optional.empty(); }
        @Override public void saveCheckpoint(String object, Instant watermark) { }
        @Override public RunCounts accept(List<RawRecord> page) {
            try {
                return pipeline.process(page, Trigger.MANUAL);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
