package io.sessionsync.source.twilio;

import io.sessionsync.pipeline.SyncContext;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.testing.SourceRouteHarness;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Reads Twilio Proxy through the real route file, routes/source-twilio-proxy.yaml. */
final class TwilioRoutes {
    private TwilioRoutes() {}

    /** With read-ahead, one service at a time (pages arrive in the services' order). */
    static void read(TwilioSettings settings, RetryPolicy retry, SyncContext run) throws Exception {
        read(settings, retry, run, true, 1);
    }

    static void read(TwilioSettings settings, RetryPolicy retry, SyncContext run, boolean prefetch, int parallelServices)
            throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(parallelServices);
        try (SourceRouteHarness routes = new SourceRouteHarness(TwilioProxySource.NAME, retry,
                Map.of("twilioProxyPages", new TwilioProxyPages(settings), "twilioServiceReaders", readers),
                Map.of("sessionsync.twilio.api-uri", TwilioProxyPages.endpointUri(settings),
                        "sessionsync.twilio.prefetch", Boolean.toString(prefetch)))) {
            routes.read(run);
        } finally {
            readers.shutdownNow();
        }
    }
}
