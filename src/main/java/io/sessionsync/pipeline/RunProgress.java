package io.sessionsync.pipeline;

import io.sessionsync.run.Trigger;
import io.sessionsync.run.RunCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs going now and how far each is (bound as {@code runProgress} for the admin API and the
 * CLI's progress bar). Each run logs its progress every log interval, on the page that crosses it, so
 * a long backfill shows it is alive; the run's thread carries the run id in the log context.
 */
public final class RunProgress {
    private static final Logger LOG = LoggerFactory.getLogger(RunProgress.class);
    public static final Duration DEFAULT_LOG_INTERVAL = Duration.ofSeconds(10);

    private final Duration logInterval;
    private final Clock clock;
    private final Map<Long, Tracker> going = new ConcurrentHashMap<>();
    private final Map<String, Long> expected = new ConcurrentHashMap<>();

    /** @param logInterval how often a run logs its progress; zero or negative: never */
    public RunProgress(Duration logInterval, Clock clock) {
        this.logInterval = logInterval;
        this.clock = clock;
    }

    public RunProgress() {
        this(DEFAULT_LOG_INTERVAL, Clock.systemUTC());
    }

    /**
     * Says how many records the runs of {@code source} will read (e.g. a backfill whose size is known
     * from elsewhere), so their progress has a percentage and an ETA. Without it the total is unknown.
     */
    public void expect(String source, long total) {
        if (total > 0) expected.put(source, total);
        else expected.remove(source);
    }

    /** The runs going now, oldest first. */
    public List<Progress> current() {
        List<Progress> out = new ArrayList<>();
        for (Tracker t : going.values()) out.add(t.snapshot());
        out.sort(Comparator.comparing(Progress::startedAt).thenComparingLong(Progress::runId));
        return out;
    }

    /** Starts following a run; {@link Tracker#finish()} stops it. */
    Tracker start(long runId, String source, Trigger trigger) {
        Tracker t = new Tracker(runId, source, trigger, clock.instant());
        going.put(runId, t);
        return t;
    }

    /** One run's counts so far. Written by the run's thread, read by anyone. */
    final class Tracker {
        private final long runId;
        private final String source;
        private final Trigger trigger;
        private final Instant started;
        private volatile RunCounts counts = RunCounts.ZERO;
        private Instant lastLog;

        private Tracker(long runId, String source, Trigger trigger, Instant started) {
            this.runId = runId;
            this.source = source;
            this.trigger = trigger;
            this.started = started;
            this.lastLog = started;
        }

        void add(RunCounts page) {
            counts = counts.plus(page);
            Instant now = clock.instant();
            if (!logInterval.isZero() && !logInterval.isNegative()
                    && Duration.between(lastLog, now).compareTo(logInterval) >= 0) {
                lastLog = now;
                LOG.info("run {} {}: {}", runId, source, snapshot().describe());
            }
        }

        Progress snapshot() {
            return new Progress(runId, source, trigger, started, Duration.between(started, clock.instant()),
                    counts, expected.getOrDefault(source, Progress.UNKNOWN));
        }

        void finish() {
            going.remove(runId);
        }
    }
}
