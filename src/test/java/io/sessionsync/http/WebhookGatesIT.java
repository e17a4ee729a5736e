package io.sessionsync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessionsync.testing.RunningService;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The webhook routes' guards on the public port (issue #9, "The public port", bullet 1): a body
 * over the cap gets 413 whether its length is declared or not, a request without its signature
 * header gets 403, more webhook requests at once than the cap get 503 with Retry-After, and a signed
 * event within the limits is still accepted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookGatesIT {
    static final String SECRET = "evo-secret-0123456789abcdef";
    static final int MAX_BODY = 4096;
    static final int MAX_CONCURRENT = 2;

    RunningService service;

    @BeforeAll
    void start() throws Exception {
        service = RunningService.start("it_gates", Map.of(
                "sessionsync.evovoice.webhook-secret", SECRET,
                "sessionsync.webhooks.max-body-bytes", Integer.toString(MAX_BODY),
                "sessionsync.webhooks.max-concurrent-requests", Integer.toString(MAX_CONCURRENT)));
    }

    @AfterAll
    void stop() throws Exception {
        if (service != null) service.close();
    }

    @Test
    void a_signed_event_within_the_limits_is_accepted() throws Exception {
        String body = "{\"eventId\":\"evt-gates-1\",\"sessionId\":\"s-gates-1\",\"type\":\"session.updated\"}";
        HttpResponse<String> r = post("/webhooks/evovoice", HttpRequest.BodyPublishers.ofString(body), sign(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    @Test
    void a_declared_body_over_the_cap_gets_413_and_nothing_is_stored() throws Exception {
        long before = inboxRows();
        String body = "{\"eventId\":\"evt-big\",\"sessionId\":\"s-big\",\"pad\":\"" + "x".repeat(MAX_BODY) + "\"}";
        assertThat(post("/webhooks/evovoice", HttpRequest.BodyPublishers.ofString(body), sign(body)).statusCode()).isEqualTo(413);
        assertThat(post("/webhooks/twilio/proxy", HttpRequest.BodyPublishers.ofString(body), "X-Twilio-Signature", "c2lnbmVk")
                .statusCode()).isEqualTo(413);
        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void a_chunked_body_growing_over_the_cap_gets_413() throws Exception {
        String body = "{\"eventId\":\"evt-chunked\",\"sessionId\":\"s-chunked\",\"pad\":\"" + "x".repeat(4 * MAX_BODY) + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // ofInputStream has no length: the client sends it chunked, with no Content-Length to refuse early.
        HttpResponse<String> r = post("/webhooks/evovoice", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)),
                sign(body));
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void a_request_without_its_signature_header_gets_403() throws Exception {
        String body = "{\"eventId\":\"evt-unsigned\",\"sessionId\":\"s-unsigned\"}";
        assertThat(post("/webhooks/evovoice", HttpRequest.BodyPublishers.ofString(body)).statusCode()).isEqualTo(403);
        assertThat(post("/webhooks/twilio/proxy", HttpRequest.BodyPublishers.ofString("InteractionSid=KI1")).statusCode()).isEqualTo(403);
    }

    @Test
    void more_webhook_requests_at_once_than_the_cap_get_503_until_one_finishes() throws Exception {
        String signature = sign("{}")[1];
        List<Socket> held = new ArrayList<>();
        try {
            // Each holds a permit: headers sent and signed, body promised but not sent yet.
            for (int i = 0; i < MAX_CONCURRENT; i++) {
                Socket s = new Socket("127.0.0.1", service.port);
                OutputStream out = s.getOutputStream();
                out.write(("POST /webhooks/evovoice HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "X-EvoVoice-Signature: " + signature + "\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                held.add(s);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> r = post("/webhooks/evovoice", HttpRequest.BodyPublishers.ofString("{}"), "X-EvoVoice-Signature", signature);
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            });
        } finally {
            for (Socket s : held) s.close();
        }
        // Closed connections give their permits back: requests are handled again (400: signed, but names no session).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(post("/webhooks/evovoice", HttpRequest.BodyPublishers.ofString("{}"), "X-EvoVoice-Signature", signature)
                        .statusCode()).isEqualTo(400));
    }

    private long inboxRows() throws Exception {
        return service.store().queryLong("select count(*) from webhook_inbox");
    }

    private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body, String... headers) throws Exception {
        HttpRequest.Builder b = RunningService.request(service.port, path).header("Content-Type", "application/json").POST(body);
        if (headers.length > 0) b.headers(headers);
        return service.send(b);
    }

    private static String[] sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return new String[] {"X-EvoVoice-Signature", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)))};
    }
}
