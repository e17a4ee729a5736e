package io.sessionsync.source.evovoice;

import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.SourceAdapter;
import io.sessionsync.pipeline.SyncContext;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.testing.SourceRouteHarness;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;

/** Reads Evo Voice through the real route file, routes/source-evovoice.yaml. */
final class EvoVoiceRoutes {
    private EvoVoiceRoutes() {}

    /** One run's read, in a CamelContext of its own. */
    static void read(EvoVoiceSettings settings, RetryPolicy retry, Clock clock, SyncContext run) throws Exception {
        try (SourceRouteHarness routes = new SourceRouteHarness(EvoVoiceSource.NAME, retry,
                Map.of("evoVoicePages", new EvoVoicePages(settings, clock)),
                Map.of("sessionsync.evovoice.api-uri", EvoVoicePages.endpointUri(settings)))) {
            routes.read(run);
        }
    }

    /** The source as SyncService runs it: runs read through the route, fetches by id through the source's client. */
    static SourceAdapter adapter(EvoVoiceSettings settings, RetryPolicy retry, Clock clock, ProducerTemplate template) {
        EvoVoiceSource fetcher = new EvoVoiceSource(settings, template, retry);
        return new SourceAdapter() {
            @Override public String name() { return EvoVoiceSource.NAME; }
            @Override public void sync(SyncContext context) throws Exception { read(settings, retry, clock, context); }
            @Override public Optional<RawRecord> fetch(String object, String id) throws Exception { return fetcher.fetch(object, id); }
        };
    }
}
