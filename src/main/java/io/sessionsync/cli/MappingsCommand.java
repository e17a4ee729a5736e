package io.sessionsync.cli;

import io.sessionsync.mapping.MappingException;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.mapping.SourceMapping;
import io.sessionsync.mapping.TargetMapping;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mappings check}: validates every mapping file, as start-up would, and says which is bad. */
@Command(name = "mappings", description = "Work with mapping files.", subcommands = MappingsCommand.Check.class)
final class MappingsCommand {

    @Command(name = "check", description = "Validate every mapping file; exit 1 with file, line and reason on the first bad one.")
    static final class Check implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--location", paramLabel = "LOCATION", defaultValue = "classpath:mappings",
                description = "classpath:mappings (built in, the default) or file:/path/to/mappings")
        String location;

        @Override
        public Integer call() {
            try {
                MappingRegistry registry = MappingRegistry.load(location);
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
            }
        }
    }
}
