package io.sessionsync.bench;

import io.sessionsync.app.SessionSyncApplication;
import io.sessionsync.pipeline.RunProgress;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.run.Trigger;
import io.sessionsync.sandbox.ProxySessionGenerator;
import io.sessionsync.sandbox.TwilioProxySimulator;
import io.sessionsync.source.twilio.TwilioProxySource;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.main.Main;

/**
 * A full Twilio Proxy backfill through the real service: a simulator with {@code n} generated sessions
 * (none broken), the application as the CLI builds it (camel-http source, mapping files, PostgreSQL
 * store), one run, then a second run with nothing changed.
 */
public final class PipelineBackfill {
    /** Two services, as the sandbox has: the run pages through both. */
    static final List<String> SERVICES = List.of(
            "KS" + "0".repeat(31) + "1", "KS" + "0".repeat(31) + "2");
    private static final long SEED = 42;

    private final BenchSchema schema;
    private final int batchSize;
    private final int pageSize;
    private final boolean prefetch;
    private final boolean simulatorInProcess;

    /** @param simulatorInProcess run the Twilio simulator in this JVM instead of a child JVM of its own */
    public PipelineBackfill(BenchSchema schema, int batchSize, int pageSize, boolean prefetch, boolean simulatorInProcess) {
        this.schema = schema;
        this.batchSize = batchSize;
        this.pageSize = pageSize;
        this.prefetch = prefetch;
        this.simulatorInProcess = simulatorInProcess;
    }

    /** Where the simulator runs and how it makes its pages, for the report's title. */
    public static String simulatorDescription(boolean inProcess, int sessions) {
        if (inProcess) return "in process";
        return ChildTwilioSimulator.prerenders(sessions) ? "in a child JVM, its pages rendered before the clocks" : "in a child JVM";
    }

    /** The first (backfill) and second (nothing changed) run. */
    public record Result(PhaseResult backfill, PhaseResult incremental) {}

    /**
     * @param simulatorWarmUpPages list pages a child-JVM simulator serves itself before the runs (uncounted)
     * @param display shows the runs' progress while they go (the CLI's bar); closed after the runs
     */
    public Result run(int sessions, int simulatorWarmUpPages, Function<RunProgress, AutoCloseable> display) throws Exception {
        ProxySessionGenerator data = new ProxySessionGenerator(SEED, sessions, SERVICES, 0.0);
        String token = randomHex();
        try (BenchTwilio twilio = simulatorInProcess
                ? new InProcessTwilio(new TwilioProxySimulator(data, data.accountSid(), token, 0))
                : ChildTwilioSimulator.start(SEED, sessions, SERVICES, token, pageSize, simulatorWarmUpPages)) {
            Map<String, String> overrides = new LinkedHashMap<>(storeOverrides(schema, batchSize));
            overrides.put("sessionsync.twilio.enabled", "true");
            overrides.put("sessionsync.twilio.base-url", twilio.baseUrl());
            overrides.put("sessionsync.twilio.account-sid", data.accountSid());
            overrides.put("sessionsync.twilio.auth-token", token);
            overrides.put("sessionsync.twilio.service-sids", String.join(",", SERVICES));
            overrides.put("sessionsync.twilio.page-size", Integer.toString(pageSize));
            overrides.put("sessionsync.twilio.prefetch", Boolean.toString(prefetch));
            // The pipeline against plain JDBC on the same rows: no per-session Participants calls.
            overrides.put("sessionsync.twilio.participants", "false");
            Main main = SessionSyncApplication.create(false, null, SessionSyncApplication.ONE_OFF_ROUTES, overrides);
            main.start();
            try {
                var registry = main.getCamelContext().getRegistry();
                SyncService sync = registry.lookupByNameAndType("syncService", SyncService.class);
                RunProgress progress = registry.lookupByNameAndType("runProgress", RunProgress.class);
                progress.expect(TwilioProxySource.NAME, sessions);
                try (AutoCloseable shown = display.apply(progress)) {
                    PhaseResult first = phase("pipeline backfill", sync, twilio);
                    PhaseResult second = phase("pipeline second run", sync, twilio);
                    return new Result(first, second);
                }
            } finally {
                main.stop();
            }
        }
    }

    private static PhaseResult phase(String name, SyncService sync, BenchTwilio twilio) {
        twilio.resetRequestCount();
        PhaseClock clock = PhaseClock.start();
        RunSummary run = sync.run(TwilioProxySource.NAME, Trigger.MANUAL);
        PhaseClock.Reading took = clock.stop();
        if (!run.succeeded()) throw new IllegalStateException(name + " failed: " + run.error());
        var c = run.counts();
        return new PhaseResult(name, c.read(), c.written(), c.unchanged(), c.failed(), took.wall(), took.peakHeapBytes(),
                twilio.requestCount(), took.window());
    }

    /** Settings every benchmark app shares: the schema's store, every source and target off unless switched on. */
    static Map<String, String> storeOverrides(BenchSchema schema, int batchSize) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("sessionsync.store.url", schema.url());
        o.put("sessionsync.store.user", schema.user());
        o.put("sessionsync.store.password", schema.password());
        o.put("sessionsync.store.batch-size", Integer.toString(batchSize));
        o.put("sessionsync.sandbox.enabled", "false");
        o.put("sessionsync.twilio.enabled", "false");
        o.put("sessionsync.evovoice.enabled", "false");
        o.put("sessionsync.salesforce.source.enabled", "false");
        o.put("sessionsync.salesforce.target.enabled", "false");
        return o;
    }

    static String randomHex() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
