package io.sessionsync.cli;

import io.sessionsync.app.EnabledMappings;
import io.sessionsync.app.SessionSyncApplication;
import io.sessionsync.config.Settings;
import io.sessionsync.config.SettingsException;
import io.sessionsync.mapping.MappingException;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.mapping.SourceMapping;
import io.sessionsync.mapping.TargetMapping;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mappings check}: validates every mapping file, as start-up would, and says which is bad. */
@Command(name = "mappings", mixinStandardHelpOptions = true, description = "Work with mapping files.", subcommands = MappingsCommand.Check.class)
final class MappingsCommand {
    @ParentCommand SessionSyncCli cli;

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validate every mapping file, and that each enabled source and target has its own; "
            + "exit 1 with file, line and reason on the first problem.")
    static final class Check implements Callable<Integer> {
        @ParentCommand MappingsCommand parent;
        @Spec CommandSpec spec;

        @Option(names = "--location", paramLabel = "LOCATION",
                description = "classpath:mappings (built in) or file:/path/to/mappings; default: sessionsync.mappings.location")
        String location;

        @Override
        public Integer call() {
            try {
                // The same settings start-up reads: what is enabled decides which mappings must exist.
                Settings settings = SessionSyncApplication.settings(parent.cli.sandbox, parent.cli.config);
                String where = location != null ? location : settings.get(Settings.MAPPINGS_LOCATION);
                MappingRegistry registry = MappingRegistry.load(where, settings.get(Settings.MAPPINGS_PHONE_REGION)).require(EnabledMappings.of(settings));
                for (SourceMapping m : registry.sources()) {
                    spec.commandLine().getOut().printf("ok  %-50s source %s / %s%n", m.file(), m.source(), m.object());
                }
                for (TargetMapping m : registry.targets()) {
                    spec.commandLine().getOut().printf("ok  %-50s target %s / %s (key %s)%n", m.file(), m.target(), m.object(), m.key());
                }
                spec.commandLine().getOut().printf("%d mapping files valid%n", registry.sources().size() + registry.targets().size());
                return 0;
            } catch (MappingException e) {
                spec.commandLine().getErr().println("invalid mapping " + e.getMessage());
                return 1;
            } catch (SettingsException e) {
                spec.commandLine().getErr().println("session-sync: " + e.getMessage());
                return 2;
            }
        }
    }
}
