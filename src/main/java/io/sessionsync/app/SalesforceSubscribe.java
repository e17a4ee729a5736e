package io.sessionsync.app;

import io.sessionsync.cluster.RunLock;
import io.sessionsync.config.Settings;
import io.sessionsync.config.SettingsException;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.salesforce.SalesforceLogin;
import io.sessionsync.salesforce.SalesforceSettings;
import io.sessionsync.source.salesforce.SalesforceSource;
import io.sessionsync.store.Database;
import io.sessionsync.store.ReplayIdStore;
import io.sessionsync.store.SessionStore;
import io.sessionsync.subscribe.SubscribeSettings;
import io.sessionsync.subscribe.SubscriptionHealthCheck;
import io.sessionsync.subscribe.Subscriptions;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the Salesforce subscription (docs/salesforce-subscribe.md) when it is switched on: binds
 * {@code salesforceSubscriptions} for routes/subscribe-salesforce.yaml, starts its tick route once
 * Camel is up (only where that route file is loaded: the long-running {@code run}), and releases the
 * channels' locks when Camel stops.
 */
final class SalesforceSubscribe {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceSubscribe.class);
    static final String BEAN = "salesforceSubscriptions";
    static final String TICK_ROUTE = "subscribe-salesforce-tick";

    private SalesforceSubscribe() {}

    /** @param onStarted run once the subscription started (the sandbox starts changing records then) */
    static void bind(CamelContext ctx, Settings settings, MappingRegistry mappings, Database db, SyncService sync,
                     SessionStore sessions, RunLock runLock, RetryPolicy retry, Runnable onStarted) throws Exception {
        SubscribeSettings s = SubscribeSettings.from(settings);
        if (!s.enabled()) {
            ctx.getRegistry().bind(BEAN, Subscriptions.off(ctx));
            return;
        }
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        for (String object : SalesforceSource.DEFAULT_OBJECTS) {
            fields.put(object, new LinkedHashSet<>(mappings.source(SalesforceSource.NAME, object).orElseThrow(() -> new SettingsException(
                    "The Salesforce subscription needs a mapping file for " + object)).readFields()));
        }
        SalesforceSettings sf;
        try {
            sf = SalesforceSettings.from(settings);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage());
        }
        Subscriptions subs = Subscriptions.create(ctx, s, sf, runLock, new ReplayIdStore(db),
                new Subscriptions.Fetching(fields, settings.get(Settings.SF_LOOP_GUARD_PREFIX),
                        new SalesforceLogin(ctx, settings.get(Settings.SF_LOGIN_URL), retry::call), retry), sync, sessions);
        ctx.getRegistry().bind(BEAN, subs);
        ctx.getRegistry().bind("subscriptionHealthCheck", new SubscriptionHealthCheck(subs));
        ctx.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) { }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
                var tick = context.getRouteController().getRouteStatus(TICK_ROUTE);
                if (tick == null || !tick.isStarted()) return; // a one-off command: no subscription
                LOG.info("Salesforce subscription on for {}", s.channels());
                onStarted.run();
            }
        });
        ctx.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                subs.stop();
            }
        });
    }
}
