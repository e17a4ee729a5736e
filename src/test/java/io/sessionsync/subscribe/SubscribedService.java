package io.sessionsync.subscribe;

import io.sessionsync.app.SessionSyncApplication;
import io.sessionsync.sandbox.PubSubSimulator;
import io.sessionsync.sandbox.SalesforceSimulator;
import io.sessionsync.testing.RunningService;
import io.sessionsync.testing.TestPostgres;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real service (the run command's routes) against a Salesforce simulator and a Pub/Sub API
 * simulator that the test owns, so they outlive a restart of the service, and a PostgreSQL schema that
 * outlives it too. Only the Salesforce source is on; no scheduled poll fires.
 */
final class SubscribedService implements AutoCloseable {
    final Main app;
    final int port;

    private SubscribedService(Main app, int port) {
        this.app = app;
        this.port = port;
    }

    static SubscribedService start(TestPostgres pg, SalesforceSimulator sf, PubSubSimulator pubSub, Map<String, String> extra) throws Exception {
        Map<String, String> s = settings(pg, sf, pubSub);
        int port = RunningService.freePort();
        s.put("camel.server.port", Integer.toString(port));
        s.putAll(extra);
        Main app = SessionSyncApplication.create(false, null, SessionSyncApplication.ALL_ROUTES, s);
        app.start();
        return new SubscribedService(app, port);
    }

    /** The settings of a service subscribed to the simulators, writing to {@code pg} (in this JVM or a child's). */
    static Map<String, String> settings(TestPostgres pg, SalesforceSimulator sf, PubSubSimulator pubSub) {
        Map<String, String> s = new HashMap<>();
        s.put("sessionsync.store.url", pg.url());
        s.put("sessionsync.store.user", TestPostgres.USER);
        s.put("sessionsync.twilio.enabled", "false");
        s.put("sessionsync.evovoice.enabled", "false");
        s.put("sessionsync.salesforce.source.enabled", "true");
        s.put("sessionsync.salesforce.target.enabled", "false");
        s.put("sessionsync.salesforce.cron", "0 0 0 1 1 ? 2099");
        s.put("sessionsync.salesforce.login-url", sf.url());
        s.put("sessionsync.salesforce.auth-type", "CLIENT_CREDENTIALS");
        s.put("sessionsync.salesforce.client-id", SalesforceSimulator.CLIENT_ID);
        s.put("sessionsync.salesforce.client-secret", SalesforceSimulator.CLIENT_SECRET);
        s.put("sessionsync.salesforce.subscribe.enabled", "true");
        s.put("sessionsync.salesforce.subscribe.pubsub-host", pubSub.host());
        s.put("sessionsync.salesforce.subscribe.pubsub-port", Integer.toString(pubSub.port()));
        s.put("sessionsync.salesforce.subscribe.pubsub-plaintext", "true");
        s.put("sessionsync.salesforce.subscribe.max-wait-ms", "200");
        s.put("sessionsync.salesforce.subscribe.lock-check-ms", "300");
        s.put("sessionsync.salesforce.subscribe.backoff-ms", "100");
        s.put("sessionsync.retry.initial-delay-ms", "10");
        s.put("sessionsync.retry.max-delay-ms", "100");
        return s;
    }

    CamelContext camel() {
        return app.getCamelContext();
    }

    Subscriptions subscriptions() {
        return camel().getRegistry().lookupByNameAndType("salesforceSubscriptions", Subscriptions.class);
    }

    Subscriptions.ChannelStatus status() {
        return subscriptions().status().get(0);
    }

    @Override
    public void close() {
        app.stop();
    }
}
