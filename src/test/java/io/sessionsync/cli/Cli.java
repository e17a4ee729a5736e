package io.sessionsync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs session-sync's command line in this JVM, its output and errors into the given writers. */
final class Cli {
    private Cli() {}

    static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = SessionSyncCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** As {@link #run}, with {@code --config config} before the arguments. */
    static int runWithConfig(StringWriter out, StringWriter err, Path config, String... args) {
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        return run(out, err, all.toArray(String[]::new));
    }
}
