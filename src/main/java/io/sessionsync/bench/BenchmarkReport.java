package io.sessionsync.bench;

import io.sessionsync.pipeline.ProgressFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's printed report: one line per phase, then the ratios the bar is judged by. */
public final class BenchmarkReport {
    private final List<PhaseResult> phases = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public void add(PhaseResult phase) {
        phases.add(phase);
    }

    public void note(String line) {
        notes.add(line);
    }

    /** As {@link #print(PrintWriter, String)}, then each costed phase's CPU and allocation per record by stage. */
    public void print(PrintWriter out, String title, StageProfile profile) {
        print(out, title);
        out.println("cost per record by stage (JFR samples: CPU in microseconds, allocated KiB), and the whole process's CPU:");
        out.printf(Locale.ROOT, "%-22s", "phase");
        for (StageProfile.Stage s : StageProfile.Stage.values()) out.printf(Locale.ROOT, " %15s", s.label + " us/KiB");
        out.printf(Locale.ROOT, " %12s%n", "process us");
        for (PhaseResult p : phases) {
            if (p.window() == null || p.read() == 0) continue;
            Map<StageProfile.Stage, StageProfile.Cost> costs = profile.costs(p.window());
            out.printf(Locale.ROOT, "%-22s", p.name());
            for (StageProfile.Stage s : StageProfile.Stage.values()) {
                StageProfile.Cost c = costs.get(s);
                out.printf(Locale.ROOT, " %8.1f/%6.2f", c.cpuNanos() / 1e3 / p.read(), c.bytes() / 1024.0 / p.read());
            }
            out.printf(Locale.ROOT, " %12.1f%n", p.window().processCpuNanos() / 1e3 / p.read());
        }
        out.flush();
    }

    public void print(PrintWriter out, String title) {
        out.println(title);
        out.printf(Locale.ROOT, "machine: %d cores, heap max %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                HeapPeak.maxBytes() < 0 ? "unlimited" : mib(HeapPeak.maxBytes()), System.getProperty("java.version"));
        out.printf(Locale.ROOT, "%-22s %11s %11s %11s %7s %9s %10s %10s %9s%n",
                "phase", "read", "written", "unchanged", "failed", "wall", "records/s", "peak heap", "API calls");
        for (PhaseResult p : phases) {
            out.printf(Locale.ROOT, "%-22s %11s %11s %11s %7s %8.1fs %10s %10s %9s%n", p.name(),
                    ProgressFormat.count(p.read()), ProgressFormat.count(p.written()), ProgressFormat.count(p.unchanged()),
                    ProgressFormat.count(p.failed()), p.wall().toMillis() / 1000.0,
                    ProgressFormat.count(Math.round(p.recordsPerSecond())), mib(p.peakHeapBytes()),
                    ProgressFormat.count(p.apiCalls()));
        }
        notes.forEach(out::println);
        out.flush();
    }

    public static String mib(long bytes) {
        return String.format(Locale.ROOT, "%d MiB", Math.round(bytes / (1024.0 * 1024.0)));
    }
}
