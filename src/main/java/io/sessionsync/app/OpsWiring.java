package io.sessionsync.app;

import io.sessionsync.salesforce.SalesforceBudget;
import org.quartz.TriggerKey;
import org.quartz.Trigger;
import org.quartz.SchedulerException;
import org.quartz.Scheduler;
import org.apache.camel.component.quartz.QuartzComponent;
import java.util.Optional;
import java.time.Instant;
import io.sessionsync.store.WebhookInbox;
import io.sessionsync.ops.OpsStatus;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sessionsync.config.Settings;
import io.sessionsync.delivery.TargetDelivery;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.ops.BearerToken;
import io.sessionsync.ops.OpsHttp;
import io.sessionsync.ops.OpsService;
import io.sessionsync.ops.SourceHealthCheck;
import io.sessionsync.ops.SourceRuns;
import io.sessionsync.ops.StoreReadinessCheck;
import io.sessionsync.ops.SubscriptionMetrics;
import io.sessionsync.ops.SyncMetrics;
import io.sessionsync.subscribe.Subscriptions;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.store.CheckpointStore;
import io.sessionsync.store.Database;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.RunStore;
import io.sessionsync.store.SessionStore;
import org.apache.camel.CamelContext;
import java.time.Clock;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the admin API, our metrics and the store's readiness check that routes/ops.yaml and /observe use. */
final class OpsWiring {
    private static final Logger LOG = LoggerFactory.getLogger(OpsWiring.class);

    private OpsWiring() {}

    static void bind(CamelContext ctx, Settings settings, Database db, SyncService sync, RetryPolicy retry,
                     DeadLetterStore deadLetters, RunStore runs, CheckpointStore checkpoints, SessionStore sessions,
                     MappingRegistry mappings, TargetDelivery delivery, WebhookInbox inbox, BearerToken token) {
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
        metrics.watch(delivery);
        metrics.watch(inbox, registry.lookupByNameAndType("salesforceBudget", SalesforceBudget.class));
        metrics.refreshLetters();
        retry.onRetry(metrics::retried);
        Subscriptions subs = registry.lookupByNameAndType(SalesforceSubscribe.BEAN, Subscriptions.class);
        if (subs != null && subs.active()) SubscriptionMetrics.watch(meters, subs);
        registry.bind("syncMetrics", metrics);
        registry.bind("storeReadinessCheck", new StoreReadinessCheck(db));
        SourceRuns sourceRuns = sourceRuns(sync, runs);
        metrics.watch(sourceRuns);
        int threshold = settings.getInt(Settings.HEALTH_FAILED_RUNS_THRESHOLD);
        for (String source : sync.sources()) {
            registry.bind("sourceHealthCheck-" + source, new SourceHealthCheck(source, sourceRuns, threshold));
        }
        // The store's pool on the same registry: hikaricp_connections_{active,idle,pending,...}{pool=...}.
        if (db.dataSource() instanceof HikariDataSource pool) pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        OpsService ops = new OpsService(sync, deadLetters, runs, checkpoints, sessions, mappings, delivery,
                ctx.getExecutorServiceManager().newCachedThreadPool(sync, "ops-background-runs"));
        registry.bind("opsService", ops);
        OpsStatus status = new OpsStatus(sync, runs, deadLetters, delivery, inbox, source -> nextFire(ctx, source));
        registry.bind("opsStatus", status);
        registry.bind("opsHttp", new OpsHttp(ops, token, status));
    }

    /** Each source's recent runs, from the store at start and from every run after it. */
    /**
     * The next fire of a source's schedule, from Quartz (the schedules' triggers are named after the
     * source in group "sessionsync", see the schedule route in routes/source-<name>.yaml); empty when it is not scheduled.
     */
    private static Optional<Instant> nextFire(CamelContext ctx, String source) {
        try {
            QuartzComponent quartz = ctx.getComponent("quartz", QuartzComponent.class);
            Scheduler scheduler = quartz == null ? null : quartz.getScheduler();
            Trigger trigger = scheduler == null ? null : scheduler.getTrigger(new TriggerKey(source, "sessionsync"));
            return trigger == null || trigger.getNextFireTime() == null ? Optional.empty()
                    : Optional.of(trigger.getNextFireTime().toInstant());
        } catch (SchedulerException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static SourceRuns sourceRuns(SyncService sync, RunStore runs) {
        SourceRuns sourceRuns = new SourceRuns(sync.sources(), Clock.systemUTC());
        for (String source : sync.sources()) {
            try {
                sourceRuns.seed(source, runs.latestFinished(source, SourceRuns.COUNTED, 500));
            } catch (RuntimeException e) {
                // Health then starts from this process's runs; the store check reports the store itself.
                LOG.warn("Could not read the latest runs of {} for its health: {}", source, e.getMessage());
            }
        }
        sync.addRunListener(sourceRuns::runFinished);
        return sourceRuns;
    }
}
