package io.sessionsync.cli;

import io.sessionsync.ops.BadOpsRequest;
import io.sessionsync.ops.OpsParams;
import io.sessionsync.ops.ReplayOutcome;
import io.sessionsync.ops.ReplayPreview;
import io.sessionsync.ops.ReplayReport;
import io.sessionsync.ops.ReplaySelection;
import io.sessionsync.ops.StoreReads;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.store.DeadLetter;
import io.sessionsync.store.DeadLetterFilter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dead-letters list|show|replay|discard}: the records that failed for good, and what to do with them. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true, description = "List, show, replay or discard dead letters (records that failed for good).",
        subcommands = {DeadLettersCommand.ListLetters.class, DeadLettersCommand.Show.class,
                DeadLettersCommand.Replay.class, DeadLettersCommand.Discard.class})
final class DeadLettersCommand {
    @ParentCommand SessionSyncCli cli;

    /** The filter options list and replay share. */
    static class FilterOptions {
        @Option(names = "--source", description = "twilio-proxy, evovoice or salesforce") String source;
        @Option(names = "--status", description = "pending, replayed or discarded") String status;
        @Option(names = "--error", description = "text in the error message, code or class") String error;
        @Option(names = "--from", description = "last failure at or after (ISO instant)") String from;
        @Option(names = "--to", description = "last failure before (ISO instant)") String to;
        @Option(names = "--limit", description = "at most this many (1.." + DeadLetterFilter.MAX_LIMIT + "); list: default "
                + DeadLetterFilter.DEFAULT_LIMIT + "; replay: default every match, in batches") String limit;

        Map<String, String> params() {
            Map<String, String> p = new HashMap<>();
            put(p, "source", source); put(p, "status", status); put(p, "error", error);
            put(p, "from", from); put(p, "to", to); put(p, "limit", limit);
            return p;
        }

        static void put(Map<String, String> p, String k, String v) {
            if (v != null) p.put(k, v);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List dead letters, newest failure first.")
    static final class ListLetters implements Callable<Integer> {
        @ParentCommand DeadLettersCommand parent;
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin FilterOptions filter = new FilterOptions();
        @Option(names = "--json", description = "print JSON (as GET /ops/dead-letters answers) instead of a table") boolean json;


        @Override
        public Integer call() throws Exception {
            DeadLetterFilter f;
            try {
                f = OpsParams.filter(filter.params());
            } catch (BadOpsRequest e) {
                return OpsApp.invalid(spec.commandLine(), e);
            }
            return OpsApp.read(parent.cli, spec.commandLine(), (reads, out) -> {
                List<DeadLetter> letters = reads.list(f);
                long total = reads.count(f);
                if (json) {
                    // The admin API's answer (GET /ops/dead-letters): payloads left out, `show` gives one.
                    out.println(OpsApp.JSON.writeValueAsString(StoreReads.listAnswer(letters, total)));
                    return 0;
                }
                out.printf("%8s  %-12s %-22s %-38s %-8s %-9s %3s  %s%n", "id", "source", "object", "record", "stage", "status", "att", "message");
                for (DeadLetter l : letters) {
                    out.printf("%8d  %-12s %-22s %-38s %-8s %-9s %3d  %s%n", l.id(), l.source(), l.object(),
                            l.recordId() == null ? "?" : l.recordId(), l.stage(), l.status(), l.attempts(), l.message());
                }
                if (total == 0) out.println("no dead letters match");
                else if (letters.size() < total) {
                    out.printf("showing %d of %d dead letters (newest first; --limit up to %d, or narrow the filter)%n",
                            letters.size(), total, DeadLetterFilter.MAX_LIMIT);
                } else out.printf("%d dead letters%n", total);
                return 0;
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one dead letter with its raw payload.")
    static final class Show implements Callable<Integer> {
        @ParentCommand DeadLettersCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "ID") String id;

        @Override
        public Integer call() throws Exception {
            long letter;
            try {
                letter = OpsParams.id(id);
            } catch (BadOpsRequest e) {
                return OpsApp.invalid(spec.commandLine(), e);
            }
            return OpsApp.read(parent.cli, spec.commandLine(), (reads, out) -> {
                out.println(OpsApp.JSON.writeValueAsString(reads.show(letter)));
                return 0;
            });
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, description = "Re-map pending dead letters with today's mapping files and write them; "
            + "--dry-run shows what would be written, field by field, and writes nothing.")
    static final class Replay implements Callable<Integer> {
        @ParentCommand DeadLettersCommand parent;
        @Spec CommandSpec spec;
        @Option(names = "--id", description = "one dead letter") String id;
        @Option(names = "--all", description = "every pending dead letter") boolean all;
        @Option(names = "--dry-run", description = "show what would be written; write nothing") boolean dryRun;
        @picocli.CommandLine.Mixin FilterOptions filter = new FilterOptions();

        @Override
        public Integer call() throws Exception {
            ReplaySelection selection;
            try {
                Map<String, String> p = filter.params();
                FilterOptions.put(p, "id", id);
                if (all) p.put("all", "true");
                selection = ReplaySelection.parse(p);
            } catch (BadOpsRequest e) {
                return OpsApp.invalid(spec.commandLine(), e);
            }
            return OpsApp.run(parent.cli, spec.commandLine(), (ops, out) -> {
                if (dryRun) {
                    List<ReplayPreview> previews = ops.dryRun(selection);
                    out.println(OpsApp.JSON.writeValueAsString(previews));
                    out.printf("dry run: %d dead letters, %d would map, nothing written%n", previews.size(),
                            previews.stream().filter(pv -> pv.error() == null).count());
                    return 0;
                }
                ReplayReport r = ops.replay(selection);
                for (ReplayOutcome o : r.letters()) {
                    out.printf("%8d  %-50s %s%s%n", o.letterId(), o.recordKey(), o.result(), o.message() == null ? "" : ": " + o.message());
                }
                for (RunSummary run : r.runs()) {
                    out.printf("run %d (%s, replay): %s; read %d, written %d, unchanged %d, failed %d%n", run.runId(),
                            run.source(), run.status(), run.counts().read(), run.counts().written(), run.counts().unchanged(),
                            run.counts().failed());
                }
                out.printf("%d replayed, %d still failing%n", r.replayed(), r.stillFailing());
                return r.runs().stream().allMatch(RunSummary::succeeded) ? 0 : 1;
            });
        }
    }

    @Command(name = "discard", mixinStandardHelpOptions = true, description = "Give a pending dead letter up, with the reason recorded.")
    static final class Discard implements Callable<Integer> {
        @ParentCommand DeadLettersCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "ID") String id;
        @Option(names = "--reason", required = true, description = "why it is given up (kept with the letter)") String reason;

        @Override
        public Integer call() throws Exception {
            long letter;
            String why;
            try {
                letter = OpsParams.id(id);
                why = OpsParams.reason(reason);
            } catch (BadOpsRequest e) {
                return OpsApp.invalid(spec.commandLine(), e);
            }
            return OpsApp.run(parent.cli, spec.commandLine(), (ops, out) -> {
                DeadLetter l = ops.discard(letter, why);
                out.printf("dead letter %d (%s/%s/%s) discarded: %s%n", l.id(), l.source(), l.object(), l.recordId(), l.discardReason());
                return 0;
            });
        }
    }
}
