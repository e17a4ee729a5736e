package io.sessionsync.cli;

import io.sessionsync.pipeline.Progress;
import io.sessionsync.pipeline.ProgressFormat;
import io.sessionsync.pipeline.RunProgress;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress bar on stderr for CLI runs, redrawn in place twice a second, only when a terminal is
 * attached. Without one (a pipe, a CI log) nothing is drawn: the runs' own periodic progress log lines
 * (sessionsync.progress.log-interval-seconds) are the plain lines there.
 */
final class ConsoleProgress implements AutoCloseable {
    private static final int WIDTH = 118;

    private final RunProgress progress;
    private final PrintStream err;
    private final ScheduledExecutorService timer;
    private volatile boolean drawn;

    private ConsoleProgress(RunProgress progress, PrintStream err) {
        this.progress = progress;
        this.err = err;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::draw, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** A bar when stderr is a terminal; otherwise nothing to close. */
    static AutoCloseable start(RunProgress progress) {
        if (System.console() == null || progress == null) return () -> { };
        return new ConsoleProgress(progress, System.err);
    }

    private void draw() {
        List<Progress> going = progress.current();
        if (going.isEmpty()) return;
        Progress p = going.get(0);
        String bar = p.fraction().isPresent() ? ProgressFormat.bar(p.fraction().getAsDouble(), 24) + " " : "";
        String line = bar + p.source() + " run " + p.runId() + ": " + p.describe();
        if (line.length() > WIDTH) line = line.substring(0, WIDTH);
        // Ending on \r leaves the cursor at the line's start, so a log line written meanwhile overwrites
        // the bar instead of being glued to its end; the next tick draws the bar again.
        err.print("\r" + line + " ".repeat(WIDTH - line.length()) + "\r");
        err.flush();
        drawn = true;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH) + "\r");
            err.flush();
        }
    }
}
