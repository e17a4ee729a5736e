package io.sessionsync.app;

import io.sessionsync.cluster.ClusterSettings;
import io.sessionsync.cluster.ClusteredScheduler;
import io.sessionsync.cluster.RunLock;
import io.sessionsync.delivery.TargetDelivery;
import io.sessionsync.store.DeliveryOutbox;
import io.sessionsync.store.RetentionPurge;
import io.sessionsync.config.Settings;
import io.sessionsync.http.HttpServers;
import io.sessionsync.http.OpsGate;
import io.sessionsync.config.SourceNames;
import io.sessionsync.config.UnknownKeys;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.ops.BearerToken;
import io.sessionsync.pipeline.PageSteps;
import io.sessionsync.pipeline.RecordPipeline;
import io.sessionsync.pipeline.RunProgress;
import io.sessionsync.delivery.SessionTarget;
import io.sessionsync.pipeline.SourceAdapter;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.reliability.RetryHooks;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.store.CheckpointStore;
import io.sessionsync.store.Database;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.RunStore;
import io.sessionsync.store.SessionStore;
import io.sessionsync.store.StoreSettings;
import io.sessionsync.store.WebhookInbox;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates session-sync's beans from the validated settings, once, before the routes load, and binds
 * them under the names the routes use. A bad setting or mapping file stops start-up here.
 */
public class SessionSyncConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSyncConfiguration.class);

    @Override
    public void configure(CamelContext ctx) throws Exception {
        Properties props = ctx.getPropertiesComponent().loadProperties();
        for (String warning : UnknownKeys.warnings(props.stringPropertyNames(), System.getenv().keySet())) {
            LOG.warn("{}", warning);
        }
        Settings settings = Settings.from(props, System.getenv());

        List<AutoCloseable> closeables = new ArrayList<>();
        SandboxSupport sandbox = null;
        if (settings.getBoolean(Settings.SANDBOX_ENABLED)) {
            // The simulators supply the sources' URLs and credentials: only the values' own checks come first.
            sandbox = SandboxSupport.startIfEnabled(settings.validate());
            closeables.add(sandbox);
            settings = settings.withOverrides(sandbox.overrides());
        }
        // Every problem at once, before the store is opened.
        SettingsCheck.verify(settings);
        if (SourceNames.enabled(settings).isEmpty()) {
            LOG.warn("NO SOURCE IS ENABLED: nothing will be synced. Set one of {} to true", SourceNames.enablingKeys());
        }

        MappingRegistry mappings = MappingRegistry.load(settings.get(Settings.MAPPINGS_LOCATION), settings.get(Settings.MAPPINGS_PHONE_REGION))
                .require(EnabledMappings.of(settings));
        LOG.info("Loaded {} source and {} target mappings from {}", mappings.sources().size(),
                mappings.targets().size(), settings.get(Settings.MAPPINGS_LOCATION));

        Database db = Database.open(StoreSettings.from(settings));
        closeables.add(0, db);

        RetryPolicy retry = RetryPolicy.from(settings);

        Connectors connectors = new Connectors(settings, ctx, mappings);
        List<SourceAdapter> sources = connectors.sources(retry);
        List<SessionTarget> targets = connectors.targets();

        // The store queues each written session for its targets in the same transaction (the outbox);
        // the delivery route drains it. See TargetDelivery.
        SessionStore sessions = new SessionStore(db, settings.getInt(Settings.STORE_BATCH_SIZE), TargetDelivery.routes(targets));
        CheckpointStore checkpoints = new CheckpointStore(db);
        RunStore runs = new RunStore(db);
        DeadLetterStore deadLetters = new DeadLetterStore(db);
        WebhookInbox inbox = new WebhookInbox(db);
        RunLock runLock = ClusterSettings.runLock(settings);
        TargetDelivery delivery = new TargetDelivery(targets, new DeliveryOutbox(db), retry, runLock)
                .attach(ctx.createProducerTemplate());
        delivery.adoptStored();

        RecordPipeline pipeline = new RecordPipeline(mappings, sessions, deadLetters, retry, connectors.enrichers());
        RunProgress progress = new RunProgress(Duration.ofSeconds(settings.getInt(Settings.PROGRESS_LOG_INTERVAL)), Clock.systemUTC());
        SyncService sync = new SyncService(sources, pipeline, runs, checkpoints, runLock, progress).recordingUnder(retry);
        ClusteredScheduler.installIfEnabled(ctx, settings);
        LOG.info("Enabled sources: {}; targets: {}", sources.isEmpty() ? "none" : sync.sources(),
                targets.stream().map(SessionTarget::name).toList());

        var registry = ctx.getRegistry();
        registry.bind("settings", settings);
        registry.bind("database", db);
        registry.bind("mappingRegistry", mappings);
        registry.bind("sessionStore", sessions);
        registry.bind("checkpointStore", checkpoints);
        registry.bind("runStore", runs);
        registry.bind("deadLetterStore", deadLetters);
        registry.bind("webhookInbox", inbox);
        registry.bind("recordPipeline", pipeline);
        registry.bind("targetDelivery", delivery);
        registry.bind("retentionPurge", new RetentionPurge(db, Duration.ofDays(settings.getInt(Settings.RETENTION_DAYS))));
        registry.bind("deliveryOutbox", delivery.outbox());
        registry.bind("syncService", sync);
        registry.bind("retryPolicy", retry);
        // The one retry policy as Camel's redelivery (routes/retry.yaml); errors outside it are not redelivered.
        RetryHooks.bind(registry, retry);
        registry.bind("pageSteps", new PageSteps(pipeline));
        registry.bind("runProgress", progress);
        registry.bind("salesforceBudget", connectors.salesforceBudget());
        if (sandbox != null) registry.bind("sandbox", sandbox);
        Webhooks.bind(ctx, settings, inbox, sync, retry);
        SalesforceSubscribe.bind(ctx, settings, mappings, db, sync, sessions, runLock, retry, sandbox == null ? () -> { } : sandbox::startChanging);

        BearerToken opsToken = new BearerToken(settings.get(Settings.OPS_TOKEN));
        HttpServers servers = HttpServers.configure(ctx, new HttpServers.Options(settings.get(Settings.MANAGEMENT_PORT),
                settings.getInt(Settings.WEBHOOK_MAX_CONCURRENT),
                settings.getInt(Settings.WEBHOOK_MAX_BODY_BYTES)), new OpsGate(opsToken));
        Webhooks.guard(servers);
        OpsWiring.bind(ctx, settings, db, sync, retry, deadLetters, runs, checkpoints, sessions, mappings, delivery, inbox, opsToken);

        connectors.connectorRoutes().load(ctx);
        ctx.addService(new Closer(closeables));
        ctx.addLifecycleStrategy(new RunDrain(sync));
    }

    /** Closes the store and the simulators when Camel stops, after the routes. */
    private static final class Closer extends ServiceSupport {
        private final List<AutoCloseable> closeables;

        Closer(List<AutoCloseable> closeables) {
            this.closeables = closeables;
        }

        @Override
        protected void doStop() {
            for (AutoCloseable c : closeables) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("Closing {} failed: {}", c.getClass().getSimpleName(), e.getMessage());
                }
            }
        }
    }
}
