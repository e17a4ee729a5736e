package io.sessionsync.pipeline;

import io.sessionsync.run.Trigger;
import io.sessionsync.run.RunCounts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Progress math: rate, share done, ETA, and how they read. */
class ProgressTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private static Progress progress(long read, Duration elapsed, long total) {
        return new Progress(7, "twilio-proxy", Trigger.MANUAL, T0, elapsed, new RunCounts(read, read - 10, 8, 2), total);
    }

    @Test
    void rate_is_records_read_per_second_since_start() {
        assertThat(progress(250_000, Duration.ofSeconds(20), Progress.UNKNOWN).ratePerSecond()).isEqualTo(12_500.0);
        assertThat(progress(0, Duration.ZERO, Progress.UNKNOWN).ratePerSecond()).isZero();
    }

    @Test
    void eta_is_what_is_left_at_the_rate_so_far() {
        Progress p = progress(250_000, Duration.ofSeconds(20), 1_000_000);
        assertThat(p.fraction()).hasValue(0.25);
        assertThat(p.eta()).contains(Duration.ofSeconds(60));
    }

    @Test
    void an_unknown_total_has_no_share_and_no_eta() {
        Progress p = progress(250_000, Duration.ofSeconds(20), Progress.UNKNOWN);
        assertThat(p.fraction()).isEmpty();
        assertThat(p.eta()).isEmpty();
        assertThat(p.describe()).isEqualTo("250,000 read (total unknown) at 12,500/s, 249,990 written, 2 failed, elapsed 20s");
    }

    @Test
    void a_run_past_its_estimate_reads_as_done_with_nothing_left() {
        Progress p = progress(1_200, Duration.ofSeconds(1), 1_000);
        assertThat(p.fraction()).hasValue(1.0);
        assertThat(p.eta()).contains(Duration.ZERO);
    }

    @Test
    void a_known_total_reads_with_percentage_and_eta() {
        assertThat(progress(250_000, Duration.ofSeconds(20), 1_000_000).describe())
                .isEqualTo("250,000 of 1,000,000 (25.0%) at 12,500/s, 249,990 written, 2 failed, elapsed 20s, ETA 1m 00s");
    }

    @Test
    void formats_are_short_and_locale_independent() {
        assertThat(ProgressFormat.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(ProgressFormat.rate(2.54)).isEqualTo("2.5/s");
        assertThat(ProgressFormat.rate(12_345.6)).isEqualTo("12,346/s");
        assertThat(ProgressFormat.duration(Duration.ofMillis(41_600))).isEqualTo("42s");
        assertThat(ProgressFormat.duration(Duration.ofSeconds(185))).isEqualTo("3m 05s");
        assertThat(ProgressFormat.duration(Duration.ofSeconds(3720))).isEqualTo("1h 02m");
        assertThat(ProgressFormat.percent(0.256)).isEqualTo("25.6%");
        assertThat(ProgressFormat.bar(0.5, 10)).isEqualTo("[#####.....]");
        assertThat(ProgressFormat.bar(1.7, 4)).isEqualTo("[####]");
    }

    @Test
    void the_registry_shows_runs_going_with_their_expected_total_and_forgets_finished_ones() {
        MutableClock clock = new MutableClock(T0);
        RunProgress registry = new RunProgress(Duration.ofSeconds(10), clock);
        registry.expect("twilio-proxy", 4_000);
        RunProgress.Tracker run = registry.start(3, "twilio-proxy", Trigger.MANUAL);
        run.add(new RunCounts(1_000, 1_000, 0, 0));
        clock.now = T0.plusSeconds(2);
        run.add(new RunCounts(1_000, 990, 10, 0));

        assertThat(registry.current()).singleElement().satisfies(p -> {
            assertThat(p.runId()).isEqualTo(3);
            assertThat(p.done()).isEqualTo(2_000);
            assertThat(p.counts().written()).isEqualTo(1_990);
            assertThat(p.ratePerSecond()).isEqualTo(1_000.0);
            assertThat(p.eta()).contains(Duration.ofSeconds(2));
        });
        run.finish();
        assertThat(registry.current()).isEmpty();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) { this.now = now; }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
