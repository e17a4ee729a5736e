package io.sessionsync.cli;

import io.sessionsync.delivery.DeliverySummary;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.store.DeadLetterStore;
import io.sessionsync.store.SessionStore;
import java.io.PrintWriter;
import java.util.List;

/** The summary a newcomer reads after a sync: per source, what was read, written, unchanged, failed. */
final class SummaryTable {
    private SummaryTable() {}

    static void print(PrintWriter out, List<RunSummary> runs, List<DeliverySummary> deliveries, SessionStore store,
                      DeadLetterStore deadLetters) {
        out.printf("%-14s %8s %8s %10s %7s %8s  %-10s %8s%n", "source", "read", "written", "unchanged", "failed", "skipped",
                "status", "took");
        long read = 0, written = 0, unchanged = 0, failed = 0, skipped = 0;
        for (RunSummary r : runs) {
            out.printf("%-14s %8d %8d %10d %7d %8d  %-10s %7.1fs%n", r.source(), r.counts().read(), r.counts().written(),
                    r.counts().unchanged(), r.counts().failed(), r.counts().skipped(), r.status(), r.took().toMillis() / 1000.0);
            read += r.counts().read(); written += r.counts().written();
            unchanged += r.counts().unchanged(); failed += r.counts().failed(); skipped += r.counts().skipped();
        }
        if (runs.size() > 1) {
            out.printf("%-14s %8d %8d %10d %7d %8d%n", "total", read, written, unchanged, failed, skipped);
        }
        for (RunSummary r : runs) {
            if (r.error() != null) out.printf("%s: %s%n", r.source(), r.error());
        }
        for (DeliverySummary d : deliveries) {
            out.printf("Delivered to %s: %d, refused %d (dead-lettered), pending %d%s%n", d.target(), d.delivered(), d.refused(),
                    Math.max(0, d.pending()), d.pending() > 0
                            ? " (they go out on the next sync, or while `run` is up" + (d.error() == null ? ")" : "; last error: " + d.error() + ")")
                            : "");
        }
        out.printf("Store now holds %d sessions; %d dead letters pending (failed records, kept with their reason).%n",
                store.count(), deadLetters.countPending());
    }
}
