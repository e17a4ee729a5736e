package io.sessionsync.cli;

import io.sessionsync.bench.BenchSchema;
import io.sessionsync.bench.BenchmarkReport;
import io.sessionsync.bench.CopyBaseline;
import io.sessionsync.bench.JdbcBaseline;
import io.sessionsync.bench.PhaseResult;
import io.sessionsync.bench.PipelineBackfill;
import io.sessionsync.bench.SalesforceTargetRun;
import io.sessionsync.bench.StageProfile;
import io.sessionsync.pipeline.ProgressFormat;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code benchmark}: a Twilio Proxy backfill of N simulated sessions through the real service into
 * PostgreSQL, a second run with nothing changed, the same rows by plain JDBC as the baseline, and a
 * Salesforce target run counting API calls. Owns its schema: created fresh, dropped after (unless --keep).
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, description = "Backfill N simulated Twilio Proxy sessions into PostgreSQL and compare with plain JDBC.")
final class BenchmarkCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--sessions", defaultValue = "100000", description = "Simulated Twilio Proxy sessions (default ${DEFAULT-VALUE})")
    int sessions;

    @Option(names = "--store-url", required = true, paramLabel = "JDBC_URL",
            description = "jdbc:postgresql://host:port/db?currentSchema=NAME; the schema NAME (and NAME_sf) is dropped and created fresh")
    String storeUrl;

    @Option(names = "--user", defaultValue = "postgres", description = "Database user (password: env SESSIONSYNC_STORE_PASSWORD)")
    String user;

    @Option(names = "--batch-size", defaultValue = "500", description = "Rows per JDBC batch, pipeline and baseline (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--page-size", defaultValue = "1000", description = "Twilio PageSize, 1..1000 (default ${DEFAULT-VALUE})")
    int pageSize;

    @Option(names = "--salesforce-sessions", defaultValue = "10000",
            description = "Sessions synced on to the Salesforce target simulator; 0 skips it (default ${DEFAULT-VALUE})")
    int salesforceSessions;

    @Option(names = "--prefetch", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Read the next Twilio page while writing the current one (sessionsync.twilio.prefetch; default ${DEFAULT-VALUE}; --no-prefetch to compare)")
    boolean prefetch;

    @Option(names = "--in-process-simulator",
            description = "Run the Twilio Proxy simulator in the benchmark's JVM instead of a child JVM (its page generation then counts as the pipeline's CPU)")
    boolean simulatorInProcess;

    @Option(names = "--warm-up", defaultValue = "100000", paramLabel = "N",
            description = "Sessions run through the pipeline, and rows through each baseline, in a schema of their own before "
                    + "the clocks start (at most --sessions; 0 measures a cold JVM; default ${DEFAULT-VALUE})")
    int warmUp;

    @Option(names = "--keep", description = "Keep the benchmark's schemas (to inspect the rows) instead of dropping them")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        if (sessions < 1) throw new IllegalArgumentException("--sessions must be >= 1");
        if (warmUp < 0) throw new IllegalArgumentException("--warm-up must be >= 0");
        int warmUpSessions = Math.min(warmUp, sessions);
        String password = System.getenv().getOrDefault("SESSIONSYNC_STORE_PASSWORD", "");
        BenchSchema schema = new BenchSchema(storeUrl, user, password);
        BenchSchema sfSchema = schema.sibling("sf");
        PrintWriter out = spec.commandLine().getOut();
        BenchmarkReport report = new BenchmarkReport();
        schema.recreate();
        try (StageProfile profile = StageProfile.start()) {
            if (warmUpSessions > 0) warmUp(schema.sibling("warm"), warmUpSessions);
            int simulatorWarmUpPages = (warmUpSessions + pageSize - 1) / pageSize;
            PipelineBackfill.Result pipeline = new PipelineBackfill(schema, batchSize, pageSize, prefetch, simulatorInProcess)
                    .run(sessions, simulatorWarmUpPages, ConsoleProgress::start);
            report.add(pipeline.backfill());
            report.add(pipeline.incremental());
            JdbcBaseline fair = JdbcBaseline.fair(schema, pageSize);
            PhaseResult baseline = fair.run(sessions);
            report.add(baseline);
            JdbcBaseline old = JdbcBaseline.storeSettings(schema, batchSize, pageSize);
            PhaseResult oldBaseline = old.run(sessions);
            report.add(oldBaseline);
            PhaseResult copy = new CopyBaseline(schema, pageSize).run(sessions);
            report.add(copy);
            SalesforceTargetRun.Result sf = null;
            if (salesforceSessions > 0) {
                sfSchema.recreate();
                sf = new SalesforceTargetRun(sfSchema, batchSize).run(salesforceSessions);
                report.add(sf.phase());
            }
            profile.finish();
            double backfill = pipeline.backfill().recordsPerSecond();
            double secondShare = (double) pipeline.incremental().wall().toNanos() / pipeline.backfill().wall().toNanos();
            report.note(String.format(Locale.ROOT, "pipeline / plain JDBC baseline (batch 1000, reWriteBatchedInserts=true) speed: %.2f (bar: >= 0.80)",
                    backfill / baseline.recordsPerSecond()));
            report.note(String.format(Locale.ROOT, "pipeline / old built-in baseline (batch %d, no rewrite) speed: %.2f",
                    batchSize, backfill / oldBaseline.recordsPerSecond()));
            report.note(String.format(Locale.ROOT, "pipeline / COPY speed: %.2f", backfill / copy.recordsPerSecond()));
            report.note(String.format(Locale.ROOT, "second run: wrote %s rows in %.2f of the backfill's time (bar: <= 0.10)",
                    ProgressFormat.count(pipeline.incremental().written()), secondShare));
            report.note("rows in PostgreSQL: session " + ProgressFormat.count(schema.count("session"))
                    + ", " + fair.table() + " " + ProgressFormat.count(schema.count(fair.table()))
                    + ", " + old.table() + " " + ProgressFormat.count(schema.count(old.table()))
                    + ", " + CopyBaseline.TABLE + " " + ProgressFormat.count(schema.count(CopyBaseline.TABLE)));
            if (sf != null) {
                report.note(String.format(Locale.ROOT, "salesforce: %s sessions -> %d upsert calls + %d login = %d API calls, %s records upserted",
                        ProgressFormat.count(salesforceSessions), sf.upsertCalls(), sf.loginCalls(), sf.phase().apiCalls(),
                        ProgressFormat.count(sf.upsertedRecords())));
            }
            report.print(out, String.format(Locale.ROOT,
                    "session-sync benchmark: %s Twilio Proxy sessions into PostgreSQL schema %s (batch %d, page %d, prefetch %s, simulator %s, %s)",
                    ProgressFormat.count(sessions), schema.name(), batchSize, pageSize, prefetch ? "on" : "off",
                    PipelineBackfill.simulatorDescription(simulatorInProcess, sessions),
                    warmUpSessions == 0 ? "cold: no warm-up" : "warmed up on " + ProgressFormat.count(warmUpSessions) + " sessions, untimed"), profile);
            return 0;
        } finally {
            if (!keep) {
                schema.drop();
                sfSchema.drop();
            }
        }
    }

    /**
     * Runs each measured phase once on {@code n} sessions of its own, untimed, in a schema dropped after: the
     * pipeline (backfill and second run) and every baseline. Without it the pipeline, measured first, pays the
     * JVM's compilation of the code it shares with the baselines measured after it (PgJDBC among it); with it
     * every phase is measured warm, as a long-running service runs.
     */
    private void warmUp(BenchSchema warm, int n) throws Exception {
        warm.recreate();
        try {
            new PipelineBackfill(warm, batchSize, pageSize, prefetch, simulatorInProcess).run(n, 0, progress -> () -> { });
            JdbcBaseline.fair(warm, pageSize).run(n);
            JdbcBaseline.storeSettings(warm, batchSize, pageSize).run(n);
            new CopyBaseline(warm, pageSize).run(n);
        } finally {
            warm.drop();
        }
    }
}
