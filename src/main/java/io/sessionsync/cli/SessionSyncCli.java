package io.sessionsync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: {@code run}, {@code sync}, {@code mappings check}; more commands hang off it. */
@Command(name = "session-sync", mixinStandardHelpOptions = true, version = "session-sync 0.1.0",
        description = "Keeps contact-centre sessions in step across Salesforce, Twilio and Evo Voice.",
        subcommands = {RunCommand.class, SyncCommand.class, MappingsCommand.class,
                DeadLettersCommand.class, ResyncCommand.class, RunsCommand.class, ConfigCommand.class, BenchmarkCommand.class})
public final class SessionSyncCli {

    @Option(names = "--sandbox", scope = CommandLine.ScopeType.INHERIT,
            description = "Start local simulators of Twilio Proxy, Evo Voice and Salesforce and sync from them "
                    + "into the embedded store (config/sandbox.properties).")
    boolean sandbox;

    @Option(names = "--config", scope = CommandLine.ScopeType.INHERIT, paramLabel = "FILE",
            description = "A properties file read after config/application.properties; environment variables still win.")
    String config;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.exit(code);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SessionSyncCli());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("session-sync: " + ExitMessages.describe(ex));
            return ExitMessages.exitCode(ex);
        });
        return cl;
    }
}
