package io.sessionsync.reliability;

import io.sessionsync.app.SandboxSupport;
import io.sessionsync.app.SessionSyncApplication;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.SessionStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/** The real application in sandbox mode (simulators on loopback) on a PostgreSQL schema, started in this JVM. */
final class SandboxApp implements AutoCloseable {
    final Main main;

    private SandboxApp(Main main) {
        this.main = main;
    }

    /** Settings every reliability run shares: quick retries, the store in {@code schema}; {@code more} wins. */
    static SandboxApp start(PgSchema schema, String applicationName, Map<String, String> more) throws Exception {
        return start(schema, applicationName, SessionSyncApplication.ONE_OFF_ROUTES, more);
    }

    /** With these route files (e.g. the delivery route beside the one-off sync route). */
    static SandboxApp start(PgSchema schema, String applicationName, String routes, Map<String, String> more) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("sessionsync.store.url", schema.url(applicationName));
        o.put("sessionsync.store.user", PgSchema.USER);
        o.put("sessionsync.retry.max-attempts", "40");
        o.put("sessionsync.retry.initial-delay-ms", "1");
        o.put("sessionsync.retry.max-delay-ms", "20");
        o.put("sessionsync.sandbox.broken-share", "0");
        o.put("sessionsync.salesforce.source.enabled", "false");
        o.put("sessionsync.evovoice.initial-lookback", "90d");
        o.putAll(more);
        Main main = SessionSyncApplication.create(true, null, routes, o);
        main.start();
        return new SandboxApp(main);
    }

    CamelContext camel() { return main.getCamelContext(); }

    <T> T bean(String name, Class<T> type) {
        T b = camel().getRegistry().lookupByNameAndType(name, type);
        if (b == null) throw new IllegalStateException("no bean " + name);
        return b;
    }

    SyncService sync() { return bean("syncService", SyncService.class); }
    SandboxSupport sandbox() { return bean("sandbox", SandboxSupport.class); }
    SessionStore sessions() { return bean("sessionStore", SessionStore.class); }
    DeadLetterStore deadLetters() { return bean("deadLetterStore", DeadLetterStore.class); }
    RetryPolicy retry() { return bean("retryPolicy", RetryPolicy.class); }

    @Override
    public void close() {
        main.stop();
    }
}
