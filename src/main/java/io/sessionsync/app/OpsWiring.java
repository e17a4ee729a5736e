package io.sessionsync.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sessionsync.config.Settings;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.ops.BearerToken;
import io.sessionsync.ops.OpsHttp;
import io.sessionsync.ops.OpsService;
import io.sessionsync.ops.StoreReadinessCheck;
import io.sessionsync.ops.SyncMetrics;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.store.CheckpointStore;
import io.sessionsync.store.Database;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.RunStore;
import io.sessionsync.store.SessionStore;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/** Binds the admin API, our metrics and the store's readiness check that routes/ops.yaml and /observe use. */
final class OpsWiring {
    private OpsWiring() {}

    static void bind(CamelContext ctx, Settings settings, Database db, SyncService sync, RetryPolicy retry,
                     DeadLetterStore deadLetters, RunStore runs, CheckpointStore checkpoints, SessionStore sessions,
                     MappingRegistry mappings, BearerToken token) {
        Registry registry = ctx.getRegistry();
        // One registry under "metricsRegistry" for Camel's meters and ours, scraped on /observe/metrics:
        // camel-micrometer-prometheus may have bound it already, else it takes the one bound here.
        MeterRegistry meters = registry.lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind("metricsRegistry", meters);
        }
        SyncMetrics metrics = new SyncMetrics(meters, deadLetters);
        sync.addRunListener(metrics::runFinished);
        retry.onRetry(metrics::retried);
        registry.bind("syncMetrics", metrics);
        registry.bind("storeReadinessCheck", new StoreReadinessCheck(db));
        OpsService ops = new OpsService(sync, deadLetters, runs, checkpoints, sessions, mappings);
        registry.bind("opsService", ops);
        registry.bind("opsHttp", new OpsHttp(ops, token));
    }
}
