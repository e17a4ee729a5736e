package io.sessionsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessionsync.app.SandboxSupport;
import io.sessionsync.app.SessionSyncApplication;
import io.sessionsync.config.Settings;
import io.sessionsync.source.evovoice.EvoVoiceSource;
import io.sessionsync.source.twilio.TwilioProxySource;
import io.sessionsync.store.WebhookInbox;
import io.sessionsync.testing.TestPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The inbox drain of the running service (sandbox simulators, PostgreSQL store): batches, a store
 * outage in the middle of a drain, and a flood of signed callbacks. Each test starts from an empty
 * inbox with the drain route stopped, and drives or restarts the drain itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookInboxDrainIT {
    private static final String PUBLIC_BASE = "https://sync.example.com";
    private static final String TWILIO_PATH = "/webhooks/twilio/proxy";
    private static final String DRAIN_ROUTE = "webhook-inbox-drain";
    private static final int SESSIONS = 1000;

    private TestPostgres pg;
    private Main app;
    private SandboxSupport sandbox;
    private Settings settings;
    private WebhookInbox inbox;
    private InboxWorker worker;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startService() throws Exception {
        pg = TestPostgres.freshSchema("it_inbox");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> o = new LinkedHashMap<>();
        o.put("sessionsync.store.url", pg.url());
        o.put("sessionsync.store.user", TestPostgres.USER);
        o.put("sessionsync.sandbox.sessions-per-source", String.valueOf(SESSIONS));
        o.put("sessionsync.sandbox.broken-share", "0");
        o.put("sessionsync.salesforce.source.enabled", "false");
        // Quick retries inside a run: the outage must outlast them, as a real one of 76 s does.
        o.put("sessionsync.retry.max-attempts", "2");
        o.put("sessionsync.retry.initial-delay-ms", "1");
        o.put("sessionsync.retry.max-delay-ms", "20");
        o.put("sessionsync.webhooks.public-base-url", PUBLIC_BASE);
        o.put("sessionsync.webhooks.inbox-poll-ms", "100");
        o.put("camel.server.port", String.valueOf(port));
        // Benchmark knobs (docs/webhooks.md): -Dflood.workers=N -Dflood.fetch=N; the defaults otherwise.
        if (System.getProperty("flood.workers") != null) o.put("sessionsync.webhooks.inbox-workers", System.getProperty("flood.workers"));
        if (System.getProperty("flood.fetch") != null) o.put("sessionsync.webhooks.inbox-fetch-threads", System.getProperty("flood.fetch"));
        // No scheduled runs (nor the subscription's first poll): only the drain writes sessions here.
        o.put("sessionsync.salesforce.subscribe.enabled", "false");
        for (String cron : List.of("sessionsync.twilio.cron", "sessionsync.evovoice.cron", "sessionsync.salesforce.cron")) {
            o.put(cron, "0 0 0 1 1 ? 2099");
        }
        app = SessionSyncApplication.create(true, null, SessionSyncApplication.ALL_ROUTES, o);
        app.start();
        var registry = app.getCamelContext().getRegistry();
        sandbox = registry.lookupByNameAndType("sandbox", SandboxSupport.class);
        settings = registry.lookupByNameAndType("settings", Settings.class);
        inbox = registry.lookupByNameAndType("webhookInbox", WebhookInbox.class);
        worker = registry.lookupByNameAndType("inboxWorker", InboxWorker.class);
    }

    @AfterAll
    void stopService() throws Exception {
        if (app != null) app.stop();
        if (pg != null) pg.close();
    }

    @BeforeEach
    void emptyInboxWithTheDrainStopped() throws Exception {
        app.getCamelContext().getRouteController().stopRoute(DRAIN_ROUTE);
        sql("DROP TRIGGER IF EXISTS store_outage ON session");
        sql("DELETE FROM webhook_inbox");
        sql("DELETE FROM sync_run");
        // Records already stored would be skipped as unchanged, and never meet the outage.
        sql("DELETE FROM session");
        sql("DELETE FROM dead_letter");
    }

    private void sql(String statement) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private long count(String query, Object... params) throws Exception {
        return pg.queryLong(query, params);
    }

    @Test
    void many_events_are_drained_as_one_fetch_per_record_and_one_recorded_run_per_batch() throws Exception {
        int batch = settings.getInt(Settings.INBOX_BATCH_SIZE);
        int events = batch + batch / 4;
        int records = 50;
        for (int i = 0; i < events; i++) {
            String id = sandbox.evoData().id(i % records);
            assertThat(inbox.offer(EvoVoiceSource.NAME, InboxKey.of("batch-test", Integer.toString(i)),
                    InboxWorker.payload(EvoVoiceSource.OBJECT, id))).isTrue();
        }

        worker.drain();
        await().atMost(Duration.ofMinutes(2)).until(() ->
                worker.activeWorkers() == 0 && count("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'done'") == events);

        // Workers claim side by side and a claim skips the rows another holds (SKIP LOCKED), so racing
        // claims may split the events into smaller batches: at most one more batch per extra worker.
        long runs = count("SELECT COUNT(*) FROM sync_run WHERE trigger = 'webhook'");
        long batches = (long) Math.ceil(events / (double) batch) + settings.getInt(Settings.INBOX_WORKERS) - 1;
        assertThat(runs).as("one run per claimed batch, not one per event").isBetween(1L, batches);
        assertThat(count("SELECT SUM(records_read) FROM sync_run WHERE trigger = 'webhook'"))
                .as("events naming the same record share one fetch").isBetween((long) records, (long) records * runs);
        assertThat(count("SELECT COUNT(*) FROM session WHERE source = ?", EvoVoiceSource.NAME)).isEqualTo(records);
    }

    @Test
    void events_that_meet_a_store_outage_stay_pending_and_are_all_synced_once_it_ends() throws Exception {
        int events = 600;
        for (int i = 0; i < events; i++) {
            inbox.offer(TwilioProxySource.NAME, InboxKey.of("outage-test", Integer.toString(i)),
                    InboxWorker.payload(TwilioProxySource.OBJECT, sandbox.proxyData().sid(i)));
        }
        // The store refuses every session write the way a lost connection does (SQLState 08006).
        sql("CREATE OR REPLACE FUNCTION store_outage() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION 'Connection is not available' USING ERRCODE = '08006'; END $$");
        sql("CREATE TRIGGER store_outage BEFORE INSERT OR UPDATE ON session FOR EACH ROW EXECUTE FUNCTION store_outage()");

        // Drains (as the route would) until every event has met the outage.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            worker.drain();
            return count("SELECT COUNT(*) FROM webhook_inbox WHERE last_error IS NOT NULL OR status <> 'pending'") >= events;
        });

        assertThat(count("SELECT COUNT(*) FROM sync_run WHERE trigger = 'webhook' AND status = 'failed'"))
                .as("the outage did fail the runs").isPositive();
        assertThat(count("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'failed'")).as("failed for good").isZero();
        assertThat(count("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'pending' AND last_error LIKE '%Connection is not available%'"))
                .as("pending, with the reason").isEqualTo(events);

        sql("DROP TRIGGER store_outage ON session");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            worker.drain();
            return inbox.pending() == 0;
        });

        assertThat(count("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'done'")).isEqualTo(events);
        assertThat(count("SELECT COUNT(*) FROM webhook_inbox WHERE attempts < 2")).as("each was retried").isZero();
        assertThat(count("SELECT COUNT(*) FROM session WHERE source = ?", TwilioProxySource.NAME)).isEqualTo(events);
        assertThat(count("SELECT COUNT(*) FROM dead_letter")).as("an outage is not a record fault").isZero();
    }

    // --- The flood: 5,000 signed callbacks -----------------------------------------------------------

    private static String twilioSignature(String token, String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private HttpRequest signedCallback(String token, int n) throws Exception {
        int session = n % SESSIONS;
        Map<String, String> form = new LinkedHashMap<>();
        form.put("interactionSessionSid", sandbox.proxyData().sid(session));
        form.put("interactionServiceSid", sandbox.proxyData().serviceOf(session));
        form.put("interactionSid", String.format("KI%032x", n));
        form.put("interactionType", "Message");
        form.put("inboundResourceStatus", "received");
        form.put("outboundResourceStatus", "sent");
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + TWILIO_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", twilioSignature(token, PUBLIC_BASE + TWILIO_PATH, form))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    @Test
    void a_flood_of_5000_signed_callbacks_is_accepted_and_each_drained_exactly_once() throws Exception {
        int callbacks = 5000;
        int senders = 16;
        String token = settings.get(Settings.TWILIO_AUTH_TOKEN);
        List<HttpRequest> requests = new ArrayList<>();
        for (int n = 0; n < callbacks; n++) requests.add(signedCallback(token, n));
        app.getCamelContext().getRouteController().startRoute(DRAIN_ROUTE);

        List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>());
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int first = s;
                sent.add(pool.submit(() -> {
                    for (int n = first; n < callbacks; n += senders) {
                        long t0 = System.nanoTime();
                        HttpResponse<Void> res = http.send(requests.get(n), HttpResponse.BodyHandlers.discarding());
                        latenciesNanos.add(System.nanoTime() - t0);
                        statuses.add(res.statusCode());
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) f.get();
        } finally {
            pool.shutdownNow();
        }
        long intakeDone = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> count("SELECT COUNT(*) FROM webhook_inbox WHERE status <> 'pending'") >= callbacks);
        long drainDone = System.nanoTime();

        assertThat(statuses).hasSize(callbacks).containsOnly(202);
        assertThat(count("SELECT COUNT(*) FROM webhook_inbox")).isEqualTo(callbacks);
        assertThat(count("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'done'")).as("all drained").isEqualTo(callbacks);
        assertThat(count("SELECT COUNT(*) FROM webhook_inbox WHERE attempts <> 1")).as("each exactly once").isZero();
        long runs = count("SELECT COUNT(*) FROM sync_run WHERE trigger = 'webhook'");
        assertThat(count("SELECT COUNT(*) FROM sync_run WHERE trigger = 'webhook' AND status <> 'succeeded'")).isZero();
        assertThat(runs).as("runs are per batch, not per event").isLessThan(callbacks);
        assertThat(count("SELECT COUNT(*) FROM session WHERE source = ?", TwilioProxySource.NAME)).isEqualTo(SESSIONS);

        List<Long> sorted = new ArrayList<>(latenciesNanos);
        Collections.sort(sorted);
        double intakeSeconds = (intakeDone - start) / 1e9;
        double drainSeconds = (drainDone - start) / 1e9;
        System.out.printf("FLOOD callbacks=%d senders=%d intake=%.1f/s (%.2f s) drain=%.1f/s (all done after %.2f s)"
                        + " accept p50=%.1f ms p99=%.1f ms max=%.1f ms runs=%d%n",
                callbacks, senders, callbacks / intakeSeconds, intakeSeconds, callbacks / drainSeconds, drainSeconds,
                millis(sorted, 0.50), millis(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6, runs);
    }

    private static double millis(List<Long> sortedNanos, double quantile) {
        int i = (int) Math.ceil(quantile * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, i)) / 1e6;
    }
}
