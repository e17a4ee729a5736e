package io.sessionsync.cli;

import io.sessionsync.app.SessionSyncApplication;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code run}: the long-running service: schedules, webhooks, admin API. Stops on SIGTERM/Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the service: scheduled syncs, webhooks, admin API.")
final class RunCommand implements Callable<Integer> {
    @ParentCommand SessionSyncCli cli;

    @Override
    public Integer call() throws Exception {
        Main main = SessionSyncApplication.create(cli.sandbox, cli.config, SessionSyncApplication.ALL_ROUTES, Map.of());
        main.run();
        return main.getExitCode();
    }
}
