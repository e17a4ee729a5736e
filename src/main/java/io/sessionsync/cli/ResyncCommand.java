package io.sessionsync.cli;

import io.sessionsync.ops.BadOpsRequest;
import io.sessionsync.ops.OpsParams;
import io.sessionsync.pipeline.RunSummary;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code resync <source> --since <instant>}: re-reads a window of a source as a recorded replay run. */
@Command(name = "resync", mixinStandardHelpOptions = true, description = "Re-read a source from a point in time (a recorded replay run).")
final class ResyncCommand implements Callable<Integer> {
    @ParentCommand SessionSyncCli cli;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "SOURCE") String source;
    @Option(names = "--since", required = true, description = "ISO instant, e.g. 2026-11-20T10:15:30Z") String since;
    @Option(names = "--reset-checkpoint", description = "also set the source's checkpoints back to --since") boolean reset;

    @Override
    public Integer call() throws Exception {
        String src;
        Instant from;
        try {
            src = OpsParams.source(source, true);
            from = OpsParams.instant("since", since);
        } catch (BadOpsRequest e) {
            return OpsApp.invalid(spec.commandLine(), e);
        }
        return OpsApp.run(cli, spec.commandLine(), (ops, out) -> {
            RunSummary run = ops.resync(src, from, reset);
            out.printf("run %d (%s, replay since %s): %s; read %d, written %d, unchanged %d, failed %d%s%n", run.runId(),
                    run.source(), from, run.status(), run.counts().read(), run.counts().written(), run.counts().unchanged(),
                    run.counts().failed(), run.error() == null ? "" : "; " + run.error());
            return run.succeeded() ? 0 : 1;
        });
    }
}
