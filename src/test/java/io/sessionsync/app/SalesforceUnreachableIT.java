package io.sessionsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.sandbox.SalesforceSimulator;
import io.sessionsync.testing.TcpProxy;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Salesforce unreachable at login: the run's error names the login URL and its setting, as the other
 * sources' errors do, after the retry policy's attempts; a login that gets through on a retry carries
 * the run. Before, the whole message was "Unexpected login error: Connection refused", after one try.
 */
class SalesforceUnreachableIT {
    @TempDir Path dir;
    Main main;

    @AfterEach
    void stop() {
        if (main != null) main.stop();
    }

    private void startWith(String loginUrl) throws Exception {
        Path config = dir.resolve("test.properties");
        Files.writeString(config, String.join("\n",
                "sessionsync.store.url = jdbc:h2:file:" + dir.resolve("store").toAbsolutePath(),
                "sessionsync.store.user = sa",
                "sessionsync.salesforce.source.enabled = true",
                "sessionsync.salesforce.login-url = " + loginUrl,
                "sessionsync.salesforce.client-id = " + SalesforceSimulator.CLIENT_ID,
                "sessionsync.salesforce.client-secret = " + SalesforceSimulator.CLIENT_SECRET,
                "sessionsync.retry.max-attempts = 3",
                "sessionsync.retry.initial-delay-ms = 0",
                "sessionsync.retry.max-delay-ms = 0", ""));
        main = SessionSyncApplication.create(false, config.toString(), SessionSyncApplication.ONE_OFF_ROUTES, Map.of());
        main.start();
    }

    @SuppressWarnings("unchecked")
    private List<RunSummary> runNow() {
        return main.getCamelContext().createProducerTemplate().requestBodyAndHeader("direct:sync", null, "source", "salesforce", List.class);
    }

    private RetryPolicy retry() {
        return main.getCamelContext().getRegistry().lookupByNameAndType("retryPolicy", RetryPolicy.class);
    }

    @Test
    void an_unreachable_login_host_is_named_with_its_setting_after_the_retries() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed;
        startWith(url);

        RunSummary run = runNow().get(0);

        assertThat(run.status()).isEqualTo(RunSummary.FAILED);
        assertThat(run.error()).contains(url).contains("sessionsync.salesforce.login-url");
        assertThat(retry().retryCount()).as("login attempts retried under the policy").isEqualTo(2);
    }

    @Test
    void a_login_that_gets_through_on_a_retry_carries_the_run() throws Exception {
        try (SalesforceSimulator sim = new SalesforceSimulator(5);
             TcpProxy proxy = new TcpProxy("127.0.0.1", Integer.parseInt(sim.url().replaceAll(".*:", "")))) {
            proxy.cut();
            startWith("http://127.0.0.1:" + proxy.port());
            AtomicInteger retries = new AtomicInteger();
            retry().onRetry(() -> {
                retries.incrementAndGet();
                proxy.restore();  // the login host comes back before the second attempt
            });

            RunSummary run = runNow().get(0);

            assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunSummary.SUCCEEDED);
            assertThat(run.counts().read()).as("records read after the login got through").isPositive();
            assertThat(retries.get()).isEqualTo(1);
        }
    }
}
