package io.sessionsync.cli;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.sessionsync.app.SessionSyncApplication;
import io.sessionsync.json.Json;
import io.sessionsync.ops.BadOpsRequest;
import io.sessionsync.ops.NotFound;
import io.sessionsync.ops.OpsService;
import io.sessionsync.ops.StoreReads;
import io.sessionsync.store.Database;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.RunStore;
import io.sessionsync.store.StoreSettings;
import java.io.PrintWriter;
import java.util.Map;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs one ops call from the command line. A call that writes ({@link #run}) builds the app as
 * {@code sync} does (no schedules, no HTTP server) and calls {@link OpsService}, the same one the admin
 * API calls. A call that only reads ({@link #read}) opens the store alone, without migrating it: no
 * Camel, no simulators, no HTTP server, no scheduler. A bad value exits 2, an unknown id or source exits 1.
 */
final class OpsApp {
    private static final Logger LOG = LoggerFactory.getLogger(OpsApp.class);
    static final ObjectWriter JSON = Json.mapper().writerWithDefaultPrettyPrinter();

    @FunctionalInterface
    interface Call {
        int run(OpsService ops, PrintWriter out) throws Exception;
    }

    @FunctionalInterface
    interface Read {
        int run(StoreReads reads, PrintWriter out) throws Exception;
    }

    @FunctionalInterface
    private interface Answer {
        int write(PrintWriter out) throws Exception;
    }

    private OpsApp() {}

    static int run(SessionSyncCli cli, CommandLine cmd, Call call) throws Exception {
        Main main = SessionSyncApplication.create(cli.sandbox, cli.config, SessionSyncApplication.ONE_OFF_ROUTES, Map.of());
        main.start();
        try {
            OpsService ops = main.getCamelContext().getRegistry().lookupByNameAndType("opsService", OpsService.class);
            return answer(cmd, out -> call.run(ops, out));
        } finally {
            main.stop();
        }
    }

    /**
     * Reads the store alone: the settings as the app reads them (same files, same precedence, same
     * checks), the store opened {@linkplain Database#openWithoutMigrating without migrating}. A store
     * whose schema is missing or older than this version stops the command (exit 1), saying to run
     * {@code sync} or {@code run} once.
     */
    static int read(SessionSyncCli cli, CommandLine cmd, Read call) throws Exception {
        StoreSettings store = StoreSettings.from(SessionSyncApplication.settings(cli.sandbox, cli.config));
        // The app logs these as it starts; a command that starts no app says them itself.
        for (String warning : SessionSyncApplication.unknownSettings(cli.sandbox, cli.config)) LOG.warn("{}", warning);
        try (Database db = Database.openWithoutMigrating(store)) {
            StoreReads reads = new StoreReads(new DeadLetterStore(db), new RunStore(db));
            return answer(cmd, out -> call.run(reads, out));
        }
    }

    private static int answer(CommandLine cmd, Answer answer) throws Exception {
        PrintWriter out = cmd.getOut();
        try {
            return answer.write(out);
        } catch (BadOpsRequest e) {
            cmd.getErr().println("session-sync: " + e.getMessage());
            return 2;
        } catch (NotFound e) {
            cmd.getErr().println("session-sync: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
        }
    }

    /** Checks arguments before anything starts: a bad one exits 2 without building the app. */
    static int invalid(CommandLine cmd, BadOpsRequest e) {
        cmd.getErr().println("session-sync: " + e.getMessage());
        return 2;
    }
}
