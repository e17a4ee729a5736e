package io.sessionsync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessionsync.testing.ChildService;
import io.sessionsync.testing.RunningService;
import io.sessionsync.testing.TestPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Issue #9, "The public port", bullet 1: 48 concurrent unsigned 10 MB posts to /webhooks/evovoice
 * once drove a 512 MB service into thousands of OutOfMemoryErrors, health unanswered. Here the real
 * service runs in a child JVM with a 128 MB heap and -XX:+ExitOnOutOfMemoryError (an OOM would end
 * it), takes the same flood (half with a declared length, half chunked), and stays healthy: the
 * flood is refused (413 / 403) and health, the admin face and a signed webhook still answer.
 */
class WebhookFloodIT {
    static final String SECRET = "flood-secret-0123456789abcdef";
    static final int POSTS = 48;
    static final int BODY_BYTES = 10 * 1024 * 1024;

    @Test
    void a_flood_of_large_unsigned_posts_is_refused_and_the_service_stays_healthy() throws Exception {
        int port = RunningService.freePort();
        int managementPort = RunningService.freePort();
        try (TestPostgres pg = TestPostgres.freshSchema("it_flood")) {
            Map<String, String> s = new HashMap<>();
            s.put("sessionsync.store.url", pg.url());
            s.put("sessionsync.store.user", TestPostgres.USER);
            s.put("sessionsync.sandbox.sessions-per-source", "20");
            for (String source : List.of("twilio", "evovoice", "salesforce")) s.put("sessionsync." + source + ".cron", "0 0 0 1 1 ? 2099");
            s.put("sessionsync.evovoice.webhook-secret", SECRET);
            s.put("camel.server.port", Integer.toString(port));
            s.put("sessionsync.management.port", Integer.toString(managementPort));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            try (ChildService service = ChildService.start("webhook-flood", List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError",
                    "-XX:TieredStopAtLevel=1"), s)) {
                await().atMost(Duration.ofMinutes(3)).ignoreExceptions().until(() -> ready(http, managementPort));
                // The flood starts once the public port serves the webhook (its gate refuses an unsigned post).
                // With another full suite running beside this one, the first few posts after the management port
                // said ready were answered 404, three times in all; why is not settled (docs/operations.md).
                await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> http.send(
                        RunningService.request(port, "/webhooks/evovoice").header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 403);

                byte[] body = new byte[BODY_BYTES];
                java.util.Arrays.fill(body, (byte) 'x');
                List<CompletableFuture<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < POSTS; i++) {
                    HttpRequest.BodyPublisher publisher = i % 2 == 0 ? HttpRequest.BodyPublishers.ofByteArray(body)
                            : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
                    answers.add(http.sendAsync(RunningService.request(port, "/webhooks/evovoice")
                                    .header("Content-Type", "application/json").POST(publisher).build(),
                            HttpResponse.BodyHandlers.discarding())
                            .thenApply(HttpResponse::statusCode)
                            // The service may close the connection while a refused body is still being sent.
                            .exceptionally(e -> e instanceof IOException || e.getCause() instanceof IOException ? -1 : rethrow(e)));
                }
                List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
                assertThat(statuses).as("every post refused, none accepted or failed inside").allMatch(c -> c == 413 || c == 403 || c == -1);
                assertThat(statuses).as("the refusals are answered").contains(413);

                assertThat(service.isAlive()).as("no OutOfMemoryError ended the service").isTrue();
                assertThat(ready(http, managementPort)).as("health answers").isTrue();
                String event = "{\"eventId\":\"evt-flood\",\"sessionId\":\"s-flood\",\"type\":\"session.updated\"}";
                HttpResponse<String> signed = http.send(RunningService.request(port, "/webhooks/evovoice")
                        .header("Content-Type", "application/json").header("X-EvoVoice-Signature", sign(event))
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(signed.statusCode()).as("a signed webhook is still accepted").isEqualTo(202);
            }
        }
    }

    private static boolean ready(HttpClient http, int managementPort) throws Exception {
        HttpResponse<String> r = http.send(RunningService.request(managementPort, "/observe/health/ready").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200;
    }

    private static Integer rethrow(Throwable e) {
        throw e instanceof CompletionException c ? c : new CompletionException(e);
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
