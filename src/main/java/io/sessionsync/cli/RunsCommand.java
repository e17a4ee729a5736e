package io.sessionsync.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the latest sync runs, newest first.")
final class RunsCommand implements Callable<Integer> {
    @ParentCommand SessionSyncCli cli;
    @Spec CommandSpec spec;
    @Option(names = "--limit", defaultValue = "20", description = "how many (1..1000), default 20") String limit;
    @Option(names = "--json", description = "print JSON (as GET /ops/runs answers, plus each run's tookMs) instead of a table") boolean json;

    @Override
    public Integer call() throws Exception {
        int n;
        try {
            n = OpsParams.runsLimit(limit);
        } catch (BadOpsRequest e) {
            return OpsApp.invalid(spec.commandLine(), e);
        }
        return OpsApp.read(cli, spec.commandLine(), (reads, out) -> {
            List<RunRecord> runs = reads.recentRuns(n);
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (RunRecord r : runs) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", r.id());
                    m.put("source", r.source());
                    m.put("trigger", r.trigger());
                    m.put("status", r.status());
                    m.put("startedAt", r.startedAt());
                    m.put("finishedAt", r.finishedAt());
                    m.put("tookMs", r.finishedAt() == null ? null : Duration.between(r.startedAt(), r.finishedAt()).toMillis());
                    m.put("counts", r.counts());
                    m.put("error", r.error());
                    rows.add(m);
                }
                out.println(OpsApp.JSON.writeValueAsString(Map.of("runs", rows)));
                return 0;
            }
            if (runs.isEmpty()) {
                out.println("no runs yet: `sync SOURCE` runs one now; `run` runs them on their schedules");
                return 0;
            }
            out.printf("%6s  %-12s %-8s %-10s %-24s %8s %8s %8s %10s %7s %8s  %s%n", "id", "source", "trigger", "status",
                    "started", "took", "read", "written", "unchanged", "failed", "skipped", "error");
            for (RunRecord r : runs) {
                String took = r.finishedAt() == null ? "-"
                        : String.format("%.1fs", Duration.between(r.startedAt(), r.finishedAt()).toMillis() / 1000.0);
                out.printf("%6d  %-12s %-8s %-10s %-24s %8s %8d %8d %10d %7d %8d  %s%n", r.id(), r.source(), r.trigger(), r.status(),
                        r.startedAt(), took, r.counts().read(), r.counts().written(), r.counts().unchanged(), r.counts().failed(),
                        r.counts().skipped(), r.error() == null ? "" : r.error());
            }
            return 0;
        });
    }
}
