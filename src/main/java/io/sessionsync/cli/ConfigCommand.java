package io.sessionsync.cli;

import io.sessionsync.app.SessionSyncApplication;
import io.sessionsync.config.SettingOrigins;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code config}: every setting's effective value and where it came from, secrets masked, then any
 * unknown key and every problem start-up would refuse. Opens nothing: safe while {@code run} is up.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective settings, each with where it came from (default, file, environment), secrets masked; "
                + "then warnings and problems. Exit 1 if start-up would refuse them.")
final class ConfigCommand implements Callable<Integer> {
    @ParentCommand SessionSyncCli cli;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<SettingOrigins.Effective> settings = SessionSyncApplication.effectiveSettings(cli.sandbox, cli.config);
        int keyWidth = settings.stream().mapToInt(s -> s.key().length()).max().orElse(10);
        String row = "%-" + keyWidth + "s  %-40s  %s%n";
        out.printf(row, "setting", "value", "from");
        for (SettingOrigins.Effective s : settings) {
            out.printf(row, s.key(), s.value(), s.origin());
        }
        out.flush();
        List<String> problems = SessionSyncApplication.settingsProblems(cli.sandbox, cli.config);
        PrintWriter err = spec.commandLine().getErr();
        problems.forEach(err::println);
        err.flush();
        return problems.stream().anyMatch(p -> p.startsWith("invalid: ")) ? 1 : 0;
    }
}
