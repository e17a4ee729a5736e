package io.sessionsync.cli;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.sessionsync.app.SessionSyncApplication;
import io.sessionsync.json.Json;
import io.sessionsync.ops.BadOpsRequest;
import io.sessionsync.ops.NotFound;
import io.sessionsync.ops.OpsService;
import java.io.PrintWriter;
import java.util.Map;
import org.apache.camel.main.Main;
import picocli.CommandLine;

/**
 * Runs one ops call from the command line: builds the app as {@code sync} does (no schedules, no HTTP
 * server), calls {@link OpsService} (the same one the admin API calls), stops. A bad value exits 2,
 * an unknown id or source exits 1.
 */
final class OpsApp {
    static final ObjectWriter JSON = Json.mapper().writerWithDefaultPrettyPrinter();

    @FunctionalInterface
    interface Call {
        int run(OpsService ops, PrintWriter out) throws Exception;
    }

    private OpsApp() {}

    static int run(SessionSyncCli cli, CommandLine cmd, Call call) throws Exception {
        Main main = SessionSyncApplication.create(cli.sandbox, cli.config, SessionSyncApplication.ONE_OFF_ROUTES, Map.of());
        main.start();
        PrintWriter out = cmd.getOut();
        try {
            OpsService ops = main.getCamelContext().getRegistry().lookupByNameAndType("opsService", OpsService.class);
            return call.run(ops, out);
        } catch (BadOpsRequest e) {
            cmd.getErr().println("session-sync: " + e.getMessage());
            return 2;
        } catch (NotFound e) {
            cmd.getErr().println("session-sync: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            main.stop();
        }
    }

    /** Checks arguments before anything starts: a bad one exits 2 without building the app. */
    static int invalid(CommandLine cmd, BadOpsRequest e) {
        cmd.getErr().println("session-sync: " + e.getMessage());
        return 2;
    }
}
