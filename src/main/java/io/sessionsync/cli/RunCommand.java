package io.sessionsync.cli;

import io.sessionsync.app.SessionSyncApplication;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import sun.misc.Signal;

/**
 * {@code run}: the long-running service: schedules, webhooks, admin API. SIGTERM or Ctrl-C stop it
 * gracefully: runs going end at their next page boundary (recorded as interrupted), then Camel and
 * the store stop, and the process exits 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the service: scheduled syncs, webhooks, admin API.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @ParentCommand SessionSyncCli cli;

    @Override
    public Integer call() throws Exception {
        Main main = SessionSyncApplication.create(cli.sandbox, cli.config, SessionSyncApplication.ALL_ROUTES, Map.of());
        // Handled here rather than by the JVM's own handler: that one starts the JVM's shutdown at once
        // (exit 143), with the store closing under a run still going and the logging already stopped.
        // A Runnable, not `main` itself, in the lambda: picocli reads every command class's methods, which
        // loads their parameter types, and a lambda taking a Main would load Camel for every command (even
        // `runs`, which reads the store alone; ReadOnlyCommandsIT checks it).
        Runnable stop = main::completed;
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                LOG.info("session-sync stopping (SIG{})", signal.getName());
                stop.run();
            });
        }
        main.run();
        LOG.info("session-sync stopped");
        return main.getExitCode();
    }
}
