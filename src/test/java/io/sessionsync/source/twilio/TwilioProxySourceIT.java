package io.sessionsync.source.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionsync.model.RawRecord;
import io.sessionsync.run.RunCounts;
import io.sessionsync.pipeline.SyncContext;
import io.sessionsync.run.Trigger;
import io.sessionsync.reliability.RemoteCallException;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.sandbox.ProxySessionGenerator;
import io.sessionsync.sandbox.TwilioProxySimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real adapter, through a real CamelContext and camel-http, against the Proxy simulator. */
class TwilioProxySourceIT {
    static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
    static final String TOKEN = "token-" + "s3cr3t".repeat(4);
    static final String SERVICE_A = "KS" + "a".repeat(32);
    static final String SERVICE_B = "KS" + "b".repeat(32);

    CamelContext camel;
    ProducerTemplate producer;
    TwilioProxySimulator simulator;

    @BeforeEach
    void startCamel() throws Exception {
        camel = new DefaultCamelContext();
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) simulator.close();
        producer.close();
        camel.stop();
    }

    private TwilioProxySource source(List<String> services, String token, RetryPolicy retry) {
        return new TwilioProxySource(settings(services, token), producer, retry);
    }

    private TwilioSettings settings(List<String> services, String token) {
        return new TwilioSettings(simulator.baseUrl(), ACCOUNT, token, null, null, services, 1000);
    }

    private static RetryPolicy quickRetry() {
        return new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(2), 2.0);
    }

    @Test
    void sync_reads_every_page_and_hands_each_page_to_the_pipeline() throws Exception {
        simulator = new TwilioProxySimulator(new ProxySessionGenerator(7, 2345, List.of(SERVICE_A)), ACCOUNT, TOKEN, 0);
        PageRecorder pages = new PageRecorder();

        TwilioRoutes.read(settings(List.of(SERVICE_A), TOKEN), RetryPolicy.once(), pages);

        assertThat(pages.sizes).containsExactly(1000, 1000, 345);
        assertThat(simulator.requestCount()).isEqualTo(3);
        Set<String> ids = new HashSet<>();
        pages.records.forEach(r -> ids.add(r.id()));
        assertThat(ids).hasSize(2345);
        RawRecord first = pages.records.get(0);
        assertThat(first.source()).isEqualTo("twilio-proxy");
        assertThat(first.object()).isEqualTo("Session");
        assertThat(first.version()).isNotNull();
        assertThat(first.json()).contains("\"sid\":\"" + first.id() + "\"").contains("\"date_updated\"");
    }

    @Test
    void sync_reads_each_configured_service() throws Exception {
        simulator = new TwilioProxySimulator(new ProxySessionGenerator(7, 25, List.of(SERVICE_A, SERVICE_B)), ACCOUNT, TOKEN, 0);
        PageRecorder pages = new PageRecorder();

        TwilioSettings settings = new TwilioSettings(simulator.baseUrl(), ACCOUNT, TOKEN, null, null,
                List.of(SERVICE_A, SERVICE_B), 10);
        TwilioRoutes.read(settings, RetryPolicy.once(), pages);

        // 13 sessions in A (pages 10, 3), 12 in B (pages 10, 2).
        assertThat(pages.sizes).containsExactly(10, 3, 10, 2);
        assertThat(pages.records).extracting(RawRecord::id).doesNotHaveDuplicates().hasSize(25);
    }

    @Test
    void services_are_read_side_by_side_each_in_its_own_page_order() throws Exception {
        ProxySessionGenerator data = new ProxySessionGenerator(7, 65, List.of(SERVICE_A, SERVICE_B));
        simulator = new TwilioProxySimulator(data, ACCOUNT, TOKEN, 0);
        TwilioSettings settings = new TwilioSettings(simulator.baseUrl(), ACCOUNT, TOKEN, null, null,
                List.of(SERVICE_A, SERVICE_B), 10);
        List<String> servicesStarted = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch bothStarted = new java.util.concurrent.CountDownLatch(2);
        PageRecorder pages = new PageRecorder() {
            @Override public RunCounts accept(List<RawRecord> page) {
                String service = page.get(0).json().contains(SERVICE_A) ? SERVICE_A : SERVICE_B;
                if (!servicesStarted.contains(service)) {
                    servicesStarted.add(service);
                    bothStarted.countDown();
                }
                try {
                    // The first page of each service waits for the other's: only readers side by side get past.
                    if (!bothStarted.await(30, java.util.concurrent.TimeUnit.SECONDS)) throw new AssertionError("services read one after the other");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return super.accept(page);
            }
        };

        TwilioRoutes.read(settings, RetryPolicy.once(), pages, true, 2);

        assertThat(pages.records).extracting(RawRecord::id).doesNotHaveDuplicates().hasSize(65);
        for (String service : List.of(SERVICE_A, SERVICE_B)) {
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < data.countFor(service); k++) expected.add(data.sid(data.indexOf(service, k)));
            assertThat(pages.records).extracting(RawRecord::id).filteredOn(expected::contains).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void a_failing_service_fails_the_run_after_the_other_service_was_read_to_its_end() throws Exception {
        simulator = new TwilioProxySimulator(new ProxySessionGenerator(7, 40, List.of(SERVICE_A)), ACCOUNT, TOKEN, 0);
        TwilioSettings settings = new TwilioSettings(simulator.baseUrl(), ACCOUNT, TOKEN, null, null,
                List.of(SERVICE_B, SERVICE_A), 10);
        PageRecorder pages = new PageRecorder();

        assertThatThrownBy(() -> TwilioRoutes.read(settings, RetryPolicy.once(), pages, true, 2))
                .isInstanceOf(RemoteCallException.class).hasMessageContaining("404");
        // Nothing of service A is still being written when the failure reaches the run: all of it is in.
        assertThat(pages.records).hasSize(40);
    }

    @Test
    void sessions_without_any_date_keep_a_null_version_for_the_pipeline_to_dead_letter() throws Exception {
        ProxySessionGenerator data = new ProxySessionGenerator(11, 200, List.of(SERVICE_A), 0.2);
        simulator = new TwilioProxySimulator(data, ACCOUNT, TOKEN, 0);
        PageRecorder pages = new PageRecorder();

        TwilioRoutes.read(settings(List.of(SERVICE_A), TOKEN), RetryPolicy.once(), pages);

        long expectedNoVersion = java.util.stream.IntStream.range(0, 200)
                .filter(i -> data.isBroken(i) && i % 2 == 1).count();
        assertThat(expectedNoVersion).isPositive();
        assertThat(pages.records).hasSize(200);
        assertThat(pages.records.stream().filter(r -> r.version() == null).count()).isEqualTo(expectedNoVersion);
    }

    @Test
    void a_429_is_retried_after_the_retry_after_twilio_sent() throws Exception {
        simulator = new TwilioProxySimulator(new ProxySessionGenerator(7, 30, List.of(SERVICE_A)), ACCOUNT, TOKEN, 0);
        simulator.failNext(1, 429, 1);
        PageRecorder pages = new PageRecorder();

        long started = System.nanoTime();
        TwilioRoutes.read(settings(List.of(SERVICE_A), TOKEN), quickRetry(), pages);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(pages.sizes).containsExactly(30);
        assertThat(simulator.requestCount()).isEqualTo(2);
        // Backoff alone would wait at most 10 ms; the 1 s wait shows the Retry-After header was honoured.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void a_401_fails_the_run_naming_twilio_and_the_status_without_the_secret() throws Exception {
        simulator = new TwilioProxySimulator(new ProxySessionGenerator(7, 30, List.of(SERVICE_A)), ACCOUNT, TOKEN, 0);
        String wrongToken = "wrong-" + "t0ken".repeat(5);
        PageRecorder pages = new PageRecorder();

        assertThatThrownBy(() -> TwilioRoutes.read(settings(List.of(SERVICE_A), wrongToken), quickRetry(), pages))
                .isInstanceOf(RemoteCallException.class)
                .hasMessageContaining("Twilio answered HTTP 401")
                .hasMessageContaining("20003")
                .hasMessageNotContaining(wrongToken)
                .hasMessageNotContaining(TOKEN)
                .satisfies(e -> assertThat(((RemoteCallException) e).moreInfo()).contains("20003"));
        assertThat(simulator.requestCount()).as("a 401 is permanent: not retried").isEqualTo(1);
        assertThat(pages.sizes).isEmpty();
    }

    @Test
    void fetch_finds_a_session_by_sid_in_any_configured_service_and_is_empty_when_absent() throws Exception {
        ProxySessionGenerator data = new ProxySessionGenerator(7, 40, List.of(SERVICE_A, SERVICE_B));
        simulator = new TwilioProxySimulator(data, ACCOUNT, TOKEN, 0);
        TwilioProxySource source = source(List.of(SERVICE_A, SERVICE_B), TOKEN, RetryPolicy.once());
        String inB = data.sid(data.indexOf(SERVICE_B, 3));

        Optional<RawRecord> found = source.fetch("Session", inB);
        Optional<RawRecord> qualified = source.fetch("Session", SERVICE_B + "/" + inB);
        Optional<RawRecord> absent = source.fetch("Session", "KC" + "f".repeat(32));

        assertThat(found).get().extracting(RawRecord::id).isEqualTo(inB);
        assertThat(found.get().json()).contains(SERVICE_B);
        assertThat(qualified).get().extracting(RawRecord::id).isEqualTo(inB);
        assertThat(absent).isEmpty();
    }

    @Test
    void fetch_sees_a_touched_session_with_a_later_version() throws Exception {
        ProxySessionGenerator data = new ProxySessionGenerator(7, 5, List.of(SERVICE_A));
        simulator = new TwilioProxySimulator(data, ACCOUNT, TOKEN, 0);
        TwilioProxySource source = source(List.of(SERVICE_A), TOKEN, RetryPolicy.once());
        String sid = data.sid(2);
        Instant before = source.fetch("Session", sid).orElseThrow().version();

        simulator.touch(sid);

        assertThat(source.fetch("Session", sid).orElseThrow().version()).isAfter(before);
    }

    @Test
    void next_page_urls_pointing_at_twilio_are_followed_on_the_configured_host() throws Exception {
        simulator = new TwilioProxySimulator(new ProxySessionGenerator(7, 250, List.of(SERVICE_A)), ACCOUNT, TOKEN, 0);
        simulator.advertiseBaseUrl("https://proxy.twilio.com");
        PageRecorder pages = new PageRecorder();

        TwilioSettings settings = new TwilioSettings(simulator.baseUrl(), ACCOUNT, TOKEN, null, null,
                List.of(SERVICE_A), 100);
        TwilioRoutes.read(settings, RetryPolicy.once(), pages);

        assertThat(pages.sizes).containsExactly(100, 100, 50);
        assertThat(simulator.requestCount()).isEqualTo(3);
        assertThat(pages.records.get(0).json()).contains("https://proxy.twilio.com/v1/Services/");
    }

    @Test
    void random_503s_are_retried_until_every_session_is_read() throws Exception {
        simulator = new TwilioProxySimulator(new ProxySessionGenerator(7, 500, List.of(SERVICE_A)), ACCOUNT, TOKEN, 0);
        simulator.setTransientFailureRate(0.3);
        PageRecorder pages = new PageRecorder();

        TwilioSettings settings = new TwilioSettings(simulator.baseUrl(), ACCOUNT, TOKEN, null, null,
                List.of(SERVICE_A), 50);
        TwilioRoutes.read(settings, new RetryPolicy(20, Duration.ofMillis(1), Duration.ofMillis(5), 2.0), pages);

        assertThat(pages.records).extracting(RawRecord::id).doesNotHaveDuplicates().hasSize(500);
        assertThat(simulator.requestCount()).as("some requests failed and were repeated").isGreaterThan(10);
    }

    @Test
    void an_api_key_authenticates_instead_of_the_auth_token() throws Exception {
        String key = "SK" + "c".repeat(32);
        String secret = "key-secret-" + "x".repeat(20);
        simulator = new TwilioProxySimulator(new ProxySessionGenerator(7, 3, List.of(SERVICE_A)), key, secret, 0);
        PageRecorder pages = new PageRecorder();

        TwilioSettings settings = new TwilioSettings(simulator.baseUrl(), null, null, key, secret, List.of(SERVICE_A), 10);
        TwilioRoutes.read(settings, RetryPolicy.once(), pages);

        assertThat(pages.sizes).containsExactly(3);
    }

    @Test
    void a_5xx_on_fetch_that_persists_fails_after_the_retries_with_twilios_status() throws Exception {
        ProxySessionGenerator data = new ProxySessionGenerator(7, 3, List.of(SERVICE_A));
        simulator = new TwilioProxySimulator(data, ACCOUNT, TOKEN, 0);
        simulator.failNext(3, 503, null);
        TwilioProxySource source = source(List.of(SERVICE_A), TOKEN, quickRetry());

        assertThatThrownBy(() -> source.fetch("Session", data.sid(0)))
                .isInstanceOf(RemoteCallException.class)
                .hasMessageContaining("Twilio answered HTTP 503");
        assertThat(simulator.requestCount()).isEqualTo(3);
    }

    @Test
    void fetch_rejects_ids_that_are_not_session_sids() {
        simulator = null;
        TwilioSettings settings = new TwilioSettings("http://127.0.0.1:1", ACCOUNT, TOKEN, null, null, List.of(SERVICE_A), 10);
        TwilioProxySource source = new TwilioProxySource(settings, producer, RetryPolicy.once());
        assertThatThrownBy(() -> source.fetch("Session", "KC123")).hasMessageContaining("not a session SID");
        assertThatThrownBy(() -> source.fetch("Participant", "KC" + "1".repeat(32))).hasMessageContaining("Participant");
    }

    @Test
    void an_unreachable_host_is_a_transient_failure_whose_message_carries_no_secret() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        TwilioSettings settings = new TwilioSettings("http://127.0.0.1:" + closedPort, ACCOUNT, TOKEN, null, null,
                List.of(SERVICE_A), 10);
        assertThatThrownBy(() -> TwilioRoutes.read(settings, RetryPolicy.once(), new PageRecorder()))
                .satisfies(e -> assertThat(io.sessionsync.reliability.ErrorClassifier.isTransient(e)).isTrue())
                .satisfies(e -> assertThat(String.valueOf(e)).doesNotContain(TOKEN));
    }

    @Test
    void a_service_twilio_does_not_know_fails_the_run_with_its_404() throws Exception {
        simulator = new TwilioProxySimulator(new ProxySessionGenerator(7, 3, List.of(SERVICE_A)), ACCOUNT, TOKEN, 0);

        assertThatThrownBy(() -> TwilioRoutes.read(settings(List.of(SERVICE_B), TOKEN), quickRetry(), new PageRecorder()))
                .isInstanceOf(RemoteCallException.class)
                .hasMessageContaining("Twilio answered HTTP 404 (code 20404)")
                .hasMessageContaining(SERVICE_B);
        assertThat(simulator.requestCount()).isEqualTo(1);
    }

    /** Records what the adapter hands to the pipeline; answers as if every record were new. */
    static class PageRecorder implements SyncContext {
        final List<Integer> sizes = new ArrayList<>();
        final List<RawRecord> records = new ArrayList<>();

        @Override public long runId() { return 1; }
        @Override public Trigger trigger() { return Trigger.MANUAL; }
        @Override public Optional<Instant> since() { return Optional.empty(); }
        @Override public Optional<Instant> checkpoint(String object) { return Optional.empty(); }
        @Override public void saveCheckpoint(String object, Instant watermark) {
            throw new AssertionError("Twilio Proxy keeps no checkpoint");
        }
        @Override public synchronized RunCounts accept(List<RawRecord> page) {
            sizes.add(page.size());
            records.addAll(page);
            return new RunCounts(page.size(), page.size(), 0, 0);
        }
    }
}
