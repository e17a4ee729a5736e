package io.sessionsync.cli;

import io.sessionsync.ops.BadOpsRequest;
import io.sessionsync.ops.OpsParams;
import io.sessionsync.store.RunRecord;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code runs [--limit N]}: the latest sync runs with their trigger, status and counts. */
@Command(name = "runs", description = "List the latest sync runs, newest first.")
final class RunsCommand implements Callable<Integer> {
    @ParentCommand SessionSyncCli cli;
    @Spec CommandSpec spec;
    @Option(names = "--limit", defaultValue = "20", description = "how many (1..1000), default 20") String limit;

    @Override
    public Integer call() throws Exception {
        int n;
        try {
            n = OpsParams.runsLimit(limit);
        } catch (BadOpsRequest e) {
            return OpsApp.invalid(spec.commandLine(), e);
        }
        return OpsApp.run(cli, spec.commandLine(), (ops, out) -> {
            out.printf("%6s  %-12s %-8s %-10s %-24s %8s %8s %10s %7s  %s%n", "id", "source", "trigger", "status",
                    "started", "read", "written", "unchanged", "failed", "error");
            for (RunRecord r : ops.recentRuns(n)) {
                out.printf("%6d  %-12s %-8s %-10s %-24s %8d %8d %10d %7d  %s%n", r.id(), r.source(), r.trigger(), r.status(),
                        r.startedAt(), r.counts().read(), r.counts().written(), r.counts().unchanged(), r.counts().failed(),
                        r.error() == null ? "" : r.error());
            }
            return 0;
        });
    }
}
