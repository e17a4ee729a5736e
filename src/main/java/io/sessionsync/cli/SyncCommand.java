package io.sessionsync.cli;

import io.sessionsync.app.SessionSyncApplication;
import io.sessionsync.config.Settings;
import io.sessionsync.delivery.DeliverySummary;
import io.sessionsync.delivery.TargetDelivery;
import io.sessionsync.pipeline.RunProgress;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.SessionStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sync <source>|all}: one run, a summary, then exit (1 if a run failed). */
@Command(name = "sync", mixinStandardHelpOptions = true, description = "Run one sync of a source (or all), print a summary, exit.")
final class SyncCommand implements Callable<Integer> {
    @ParentCommand SessionSyncCli cli;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SOURCE", description = "twilio-proxy, evovoice, salesforce, or all")
    String source;

    /** How long the final pass waits for one the delivery timer has going. */
    private static final Duration DRAIN_WAIT = Duration.ofMinutes(2);

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws Exception {
        // Checked before Camel starts: a typo or a switched-off source costs no start-up and no stack trace.
        Settings settings = SessionSyncApplication.settings(cli.sandbox, cli.config);
        String problem = SyncTarget.problem(source, settings);
        if (problem != null) {
            spec.commandLine().getErr().println("session-sync: " + problem);
            return 2;
        }
        Main main = SessionSyncApplication.create(cli.sandbox, cli.config, SessionSyncApplication.ONE_OFF_ROUTES, Map.of());
        main.start();
        try {
            CamelContext ctx = main.getCamelContext();
            // Deliveries flow while the runs go (the delivery route's timer); the command reports them all.
            TargetDelivery delivery = ctx.getRegistry().lookupByNameAndType("targetDelivery", TargetDelivery.class);
            DeliveryTotals totals = new DeliveryTotals();
            delivery.addListener(totals::add);
            List<RunSummary> runs;
            try (AutoCloseable bar = ConsoleProgress.start(ctx.getRegistry().lookupByNameAndType("runProgress", RunProgress.class))) {
                runs = ctx.createProducerTemplate().requestBodyAndHeader("direct:sync", null, "source", source, List.class);
            }
            // What the runs stored and queued for the targets goes out before the command exits.
            for (String target : delivery.targets()) totals.last(delivery.drainWaiting(target, DRAIN_WAIT));
            List<DeliverySummary> deliveries = totals.byTarget(delivery.targets());
            PrintWriter out = spec.commandLine().getOut();
            SummaryTable.print(out, runs, deliveries,
                    ctx.getRegistry().lookupByNameAndType("sessionStore", SessionStore.class),
                    ctx.getRegistry().lookupByNameAndType("deadLetterStore", DeadLetterStore.class));
            out.flush();
            return runs.stream().allMatch(r -> r.succeeded() || RunSummary.SKIPPED.equals(r.status())) ? 0 : 1;
        } finally {
            main.stop();
        }
    }
}
