package io.sessionsync.pipeline;

import io.sessionsync.run.Trigger;
import io.sessionsync.run.RunCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where one run going stands: records done so far, the rate, and, when the total is known, how far
 * along it is and when it should end. Twilio Proxy's list API gives no total, so a run's total is
 * only known when someone said what to expect ({@link RunProgress#expect}); otherwise it is unknown
 * and no ETA is guessed.
 *
 * @param expectedTotal records the run is expected to read, or {@link #UNKNOWN}
 */
public record Progress(long runId, String source, Trigger trigger, Instant startedAt, Duration elapsed,
                       RunCounts counts, long expectedTotal) {

    public static final long UNKNOWN = -1;

    /** Records read (mapped, written, skipped or dead-lettered) so far. */
    public long done() {
        return counts.read();
    }

    /** Records per second since the run started; 0 before any time has passed. */
    public double ratePerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : done() / seconds;
    }

    /** Share done, 0..1, when the total is known (a run that outgrew its estimate reads as 1). */
    public OptionalDouble fraction() {
        if (expectedTotal <= 0) return OptionalDouble.empty();
        return OptionalDouble.of(Math.min(1.0, (double) done() / expectedTotal));
    }

    /** Time left at the rate so far, when the total is known and something is done. */
    public Optional<Duration> eta() {
        double rate = ratePerSecond();
        if (expectedTotal <= 0 || rate <= 0) return Optional.empty();
        long left = Math.max(0, expectedTotal - done());
        return Optional.of(Duration.ofMillis(Math.round(left / rate * 1000)));
    }

    /** One line for logs and the admin API, e.g. {@code 250,000 of 1,000,000 (25.0%) at 12,500/s, ETA 1m 00s}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(ProgressFormat.count(done()));
        if (expectedTotal > 0) {
            b.append(" of ").append(ProgressFormat.count(expectedTotal))
                    .append(" (").append(ProgressFormat.percent(fraction().getAsDouble())).append(')');
        } else {
            b.append(" read (total unknown)");
        }
        b.append(" at ").append(ProgressFormat.rate(ratePerSecond()));
        b.append(", ").append(ProgressFormat.count(counts.written())).append(" written, ")
                .append(ProgressFormat.count(counts.failed())).append(" failed");
        b.append(", elapsed ").append(ProgressFormat.duration(elapsed));
        eta().ifPresent(d -> b.append(", ETA ").append(ProgressFormat.duration(d)));
        return b.toString();
    }
}
