package io.sessionsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.security.RequestValidator;
import io.sessionsync.app.SandboxSupport;
import io.sessionsync.app.SessionSyncApplication;
import io.sessionsync.config.Settings;
import io.sessionsync.testing.TestPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The webhook routes of the running service (sandbox simulators, PostgreSQL store): a signed
 * delivery is accepted at once, processed once however often it is delivered, and a request with a
 * missing or wrong signature gets 403 and stores nothing. Requests are signed as Twilio documents,
 * and Twilio's own SDK confirms each signature the test computes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksIT {
    private static final String PUBLIC_BASE = "https://sync.example.com";
    private static final String TWILIO_PATH = "/webhooks/twilio/proxy";

    private TestPostgres pg;
    private Main app;
    private SandboxSupport sandbox;
    private Settings settings;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startService() throws Exception {
        pg = TestPostgres.freshSchema("it_webhooks");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = Files.createTempFile("webhooks", ".properties");
        config.toFile().deleteOnExit();
        Files.writeString(config, "sessionsync.store.url = " + pg.url() + "\n"
                + "sessionsync.store.user = " + TestPostgres.USER + "\n"
                + "sessionsync.sandbox.sessions-per-source = 60\n"
                + "sessionsync.sandbox.broken-share = 0\n"
                + "sessionsync.webhooks.public-base-url = " + PUBLIC_BASE + "\n"
                + "sessionsync.webhooks.inbox-poll-ms = 100\n"
                + "sessionsync.salesforce.subscribe.enabled = false\n"
                + "camel.server.port = " + port + "\n");
        app = SessionSyncApplication.create(true, config.toString(), SessionSyncApplication.ALL_ROUTES, Map.of());
        app.start();
        var registry = app.getCamelContext().getRegistry();
        sandbox = registry.lookupByNameAndType("sandbox", SandboxSupport.class);
        settings = registry.lookupByNameAndType("settings", Settings.class);
    }

    @AfterAll
    void stopService() throws Exception {
        if (app != null) app.stop();
        if (pg != null) pg.close();
    }

    // --- Twilio Proxy ------------------------------------------------------------------------------

    private Map<String, String> proxyCallback(int sessionIndex, String interactionSid) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("interactionSessionSid", sandbox.proxyData().sid(sessionIndex));
        form.put("interactionServiceSid", sandbox.proxyData().serviceOf(sessionIndex));
        form.put("interactionSid", interactionSid);
        form.put("interactionType", "Message");
        form.put("inboundResourceStatus", "received");
        form.put("outboundResourceStatus", "sent");
        form.put("interactionData", "{\"body\":\"hello\"}");
        return form;
    }

    /** Twilio's documented algorithm: HMAC-SHA1 over the URL and the sorted parameters, Base64. */
    private static String twilioSignature(String token, String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> postForm(String path, Map<String, String> form, Map<String, String> headers) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(req::header);
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until no accepted event is left to drain, so that run counts taken next are stable. */
    private void awaitInboxSettled() {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                pg.queryLong("select count(*) from webhook_inbox where status = 'pending'") == 0);
    }

    private long webhookRuns(String source) throws Exception {
        return pg.queryLong("select count(*) from sync_run where trigger = 'webhook' and source = ?", source);
    }

    private long inboxRows(String source) throws Exception {
        return pg.queryLong("select count(*) from webhook_inbox where source = ?", source);
    }

    @Test
    void a_signed_twilio_callback_delivered_three_times_is_processed_once() throws Exception {
        String token = settings.get(Settings.TWILIO_AUTH_TOKEN);
        Map<String, String> form = proxyCallback(7, "KI" + "7".repeat(32));
        String url = PUBLIC_BASE + TWILIO_PATH;
        String signature = twilioSignature(token, url, form);
        assertThat(new RequestValidator(token).validate(url, form, signature)).as("Twilio's SDK agrees").isTrue();
        awaitInboxSettled();
        long runsBefore = webhookRuns("twilio-proxy");

        for (int delivery = 1; delivery <= 3; delivery++) {
            HttpResponse<String> res = postForm(TWILIO_PATH, form, Map.of("X-Twilio-Signature", signature));
            assertThat(res.statusCode()).as("delivery " + delivery).isEqualTo(delivery == 1 ? 202 : 200);
        }

        String sid = sandbox.proxyData().sid(7);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(pg.queryLong("select count(*) from session where source = 'twilio-proxy' and source_id = ?", sid)).isEqualTo(1);
            assertThat(pg.queryLong("select count(*) from webhook_inbox where payload like ? and status = 'done'", "%" + sid + "%")).isEqualTo(1);
        });
        assertThat(pg.queryLong("select count(*) from webhook_inbox where source = 'twilio-proxy' and payload like ?", "%" + sid + "%"))
                .isEqualTo(1);
        awaitInboxSettled();
        assertThat(webhookRuns("twilio-proxy") - runsBefore).isEqualTo(1);
    }

    @Test
    void twilio_callbacks_with_a_missing_or_wrong_signature_get_403_and_store_nothing() throws Exception {
        String token = settings.get(Settings.TWILIO_AUTH_TOKEN);
        Map<String, String> form = proxyCallback(11, "KI" + "b".repeat(32));
        String publicUrl = PUBLIC_BASE + TWILIO_PATH;
        long before = inboxRows("twilio-proxy");

        Map<String, String> tampered = new LinkedHashMap<>(form);
        tampered.put("interactionSessionSid", sandbox.proxyData().sid(12));
        String signedOriginal = twilioSignature(token, publicUrl, form);
        assertThat(new RequestValidator(token).validate(publicUrl, tampered, signedOriginal)).as("SDK: tampered").isFalse();
        assertThat(postForm(TWILIO_PATH, tampered, Map.of("X-Twilio-Signature", signedOriginal)).statusCode()).isEqualTo(403);

        String wrongToken = twilioSignature("0".repeat(32), publicUrl, form);
        assertThat(new RequestValidator(token).validate(publicUrl, form, wrongToken)).as("SDK: wrong token").isFalse();
        assertThat(postForm(TWILIO_PATH, form, Map.of("X-Twilio-Signature", wrongToken)).statusCode()).isEqualTo(403);

        // Signed for the address this process listens on, not the public URL Twilio is configured with.
        String localUrl = "http://127.0.0.1:" + port + TWILIO_PATH;
        String wrongUrl = twilioSignature(token, localUrl, form);
        assertThat(new RequestValidator(token).validate(publicUrl, form, wrongUrl)).as("SDK: wrong URL").isFalse();
        assertThat(postForm(TWILIO_PATH, form, Map.of("X-Twilio-Signature", wrongUrl)).statusCode()).isEqualTo(403);

        assertThat(postForm(TWILIO_PATH, form, Map.of()).statusCode()).isEqualTo(403);

        assertThat(inboxRows("twilio-proxy")).isEqualTo(before);
        assertThat(pg.queryLong("select count(*) from session where source_id = ?", sandbox.proxyData().sid(11))).isZero();
        assertThat(pg.queryLong("select count(*) from session where source_id = ?", sandbox.proxyData().sid(12))).isZero();
    }

    @Test
    void a_signed_twilio_callback_that_names_no_session_gets_400() throws Exception {
        String token = settings.get(Settings.TWILIO_AUTH_TOKEN);
        Map<String, String> form = proxyCallback(3, "KI" + "c".repeat(32));
        form.put("interactionSessionSid", "not-a-session-sid");
        String url = PUBLIC_BASE + TWILIO_PATH;
        long before = inboxRows("twilio-proxy");
        HttpResponse<String> res = postForm(TWILIO_PATH, form, Map.of("X-Twilio-Signature", twilioSignature(token, url, form)));
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("interactionSessionSid");
        assertThat(inboxRows("twilio-proxy")).isEqualTo(before);
    }

    // --- Evo Voice ---------------------------------------------------------------------------------

    private static String evoSignature(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private HttpResponse<String> postJson(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(req::header);
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_signed_evovoice_event_delivered_three_times_is_processed_once_and_bad_signatures_get_403() throws Exception {
        String secret = settings.get(Settings.EVO_WEBHOOK_SECRET);
        String id = sandbox.evoData().id(5);
        String body = "{\"eventId\":\"evt-5\",\"sessionId\":\"" + id + "\",\"type\":\"session.updated\"}";
        String signature = evoSignature(secret, body.getBytes(StandardCharsets.UTF_8));

        long before = inboxRows("evovoice");
        awaitInboxSettled();
        long runsBefore = webhookRuns("evovoice");
        assertThat(postJson("/webhooks/evovoice", body.replace("evt-5", "evt-6"), Map.of("X-EvoVoice-Signature", signature)).statusCode())
                .as("tampered body").isEqualTo(403);
        assertThat(postJson("/webhooks/evovoice", body, Map.of("X-EvoVoice-Signature", evoSignature("x".repeat(32), body.getBytes(StandardCharsets.UTF_8)))).statusCode())
                .as("wrong secret").isEqualTo(403);
        assertThat(postJson("/webhooks/evovoice", body, Map.of()).statusCode()).as("missing header").isEqualTo(403);
        assertThat(inboxRows("evovoice")).isEqualTo(before);

        for (int delivery = 1; delivery <= 3; delivery++) {
            assertThat(postJson("/webhooks/evovoice", body, Map.of("X-EvoVoice-Signature", signature)).statusCode())
                    .as("delivery " + delivery).isEqualTo(delivery == 1 ? 202 : 200);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(pg.queryLong("select count(*) from session where source = 'evovoice' and source_id = ?", id)).isEqualTo(1);
            assertThat(pg.queryLong("select count(*) from webhook_inbox where source = 'evovoice' and payload like ? and status = 'done'",
                    "%" + id + "%")).isEqualTo(1);
        });
        assertThat(inboxRows("evovoice")).isEqualTo(before + 1);
        awaitInboxSettled();
        assertThat(webhookRuns("evovoice") - runsBefore).isEqualTo(1);
    }

    // --- Issue #9: webhook events are never dropped or suppressed ---------------------------------------

    private void awaitSessionStored(String source, String id) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(pg.queryLong("select count(*) from session where source = ? and source_id = ?", source, id)).isEqualTo(1));
    }

    @Test
    void a_signed_twilio_callback_replayed_with_fresh_idempotency_tokens_is_stored_once() throws Exception {
        String token = settings.get(Settings.TWILIO_AUTH_TOKEN);
        Map<String, String> form = proxyCallback(21, "KI" + "d".repeat(32));
        String signature = twilioSignature(token, PUBLIC_BASE + TWILIO_PATH, form);
        String sid = sandbox.proxyData().sid(21);

        int accepted = 0;
        for (int replay = 1; replay <= 50; replay++) {
            // The idempotency token is not covered by the signature: anyone replaying the request can change it.
            HttpResponse<String> res = postForm(TWILIO_PATH, form,
                    Map.of("X-Twilio-Signature", signature, "I-Twilio-Idempotency-Token", "fresh-token-" + replay));
            assertThat(res.statusCode()).as("replay " + replay).isIn(200, 202);
            if (res.statusCode() == 202) accepted++;
        }

        assertThat(accepted).as("new events accepted").isEqualTo(1);
        assertThat(pg.queryLong("select count(*) from webhook_inbox where source = 'twilio-proxy' and payload like ?", "%" + sid + "%"))
                .isEqualTo(1);
        awaitSessionStored("twilio-proxy", sid);
    }

    @Test
    void a_signed_json_twilio_callback_naming_a_session_is_accepted_and_its_session_fetched() throws Exception {
        String token = settings.get(Settings.TWILIO_AUTH_TOKEN);
        String sid = sandbox.proxyData().sid(23);
        String body = "{\"interactionSessionSid\":\"" + sid + "\",\"interactionServiceSid\":\"" + sandbox.proxyData().serviceOf(23)
                + "\",\"interactionSid\":\"KI" + "e".repeat(32) + "\",\"interactionType\":\"Voice\",\"inboundResourceStatus\":\"completed\"}";
        String hash = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        String pathAndQuery = TWILIO_PATH + "?bodySHA256=" + hash;
        String url = PUBLIC_BASE + pathAndQuery;
        // JSON callbacks are signed over the URL alone (which carries the body's hash).
        String signature = twilioSignature(token, url, Map.of());
        assertThat(new RequestValidator(token).validate(url, body, signature)).as("Twilio's SDK agrees").isTrue();

        HttpResponse<String> res = postJson(pathAndQuery, body, Map.of("X-Twilio-Signature", signature));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        awaitSessionStored("twilio-proxy", sid);
        assertThat(postJson(pathAndQuery, body, Map.of("X-Twilio-Signature", signature)).statusCode()).as("repeat").isEqualTo(200);
    }

    @Test
    void an_evovoice_event_id_reused_for_another_session_fetches_both_sessions() throws Exception {
        String secret = settings.get(Settings.EVO_WEBHOOK_SECRET);
        for (int i : new int[] {30, 31}) {
            String body = "{\"eventId\":\"evt-reused\",\"sessionId\":\"" + sandbox.evoData().id(i) + "\",\"type\":\"session.updated\"}";
            HttpResponse<String> res = postJson("/webhooks/evovoice", body,
                    Map.of("X-EvoVoice-Signature", evoSignature(secret, body.getBytes(StandardCharsets.UTF_8))));
            assertThat(res.statusCode()).as("session " + i).isEqualTo(202);
        }
        awaitSessionStored("evovoice", sandbox.evoData().id(30));
        awaitSessionStored("evovoice", sandbox.evoData().id(31));
    }

    @Test
    void an_evovoice_event_id_equal_to_a_twilio_event_key_is_accepted() throws Exception {
        String token = settings.get(Settings.TWILIO_AUTH_TOKEN);
        String interaction = "KI" + "f".repeat(32);
        Map<String, String> form = proxyCallback(33, interaction);
        assertThat(postForm(TWILIO_PATH, form, Map.of("X-Twilio-Signature", twilioSignature(token, PUBLIC_BASE + TWILIO_PATH, form)))
                .statusCode()).isEqualTo(202);

        String secret = settings.get(Settings.EVO_WEBHOOK_SECRET);
        String sameKey = interaction + ":received:sent";
        String body = "{\"eventId\":\"" + sameKey + "\",\"sessionId\":\"" + sandbox.evoData().id(33) + "\"}";
        HttpResponse<String> res = postJson("/webhooks/evovoice", body,
                Map.of("X-EvoVoice-Signature", evoSignature(secret, body.getBytes(StandardCharsets.UTF_8))));

        assertThat(res.statusCode()).isEqualTo(202);
        awaitSessionStored("evovoice", sandbox.evoData().id(33));
    }

    @Test
    void an_evovoice_event_with_a_3_kb_event_id_is_accepted() throws Exception {
        String secret = settings.get(Settings.EVO_WEBHOOK_SECRET);
        // Random, so that PostgreSQL cannot compress it under its btree row limit (~2.7 KB).
        byte[] noise = new byte[2250];
        new java.util.Random(9).nextBytes(noise);
        String longId = Base64.getEncoder().encodeToString(noise);
        String body = "{\"eventId\":\"" + longId + "\",\"sessionId\":\"" + sandbox.evoData().id(35) + "\"}";
        HttpResponse<String> res = postJson("/webhooks/evovoice", body,
                Map.of("X-EvoVoice-Signature", evoSignature(secret, body.getBytes(StandardCharsets.UTF_8))));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        assertThat(pg.queryLong("select max(length(event_key)) from webhook_inbox")).isLessThanOrEqualTo(128);
        awaitSessionStored("evovoice", sandbox.evoData().id(35));
    }
}
