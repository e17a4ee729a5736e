package io.sessionsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Backoff growth, cap, jitter bounds, Retry-After, and what is (not) retried. */
class RetryPolicyTest {
    static final RemoteCallException UNAVAILABLE = new RemoteCallException("Twilio", 503, null, "down", null, null);

    @RepeatedTest(20)
    void the_delay_grows_by_the_multiplier_with_jitter_between_half_and_all_of_it() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(60), 2.0);
        for (int attempt = 1; attempt <= 6; attempt++) {
            long full = 100L << (attempt - 1);
            assertThat(p.delayFor(attempt, UNAVAILABLE).toMillis()).isBetween(full / 2, full);
        }
    }

    @RepeatedTest(20)
    void the_delay_never_exceeds_the_cap() {
        RetryPolicy p = new RetryPolicy(50, Duration.ofMillis(100), Duration.ofMillis(1000), 3.0);
        for (int attempt = 1; attempt <= 40; attempt++) {
            assertThat(p.delayFor(attempt, UNAVAILABLE).toMillis()).isBetween(0L, 1000L);
        }
        assertThat(p.delayFor(30, UNAVAILABLE).toMillis()).isBetween(500L, 1000L);
    }

    @Test
    void a_retry_after_is_honoured_exactly_and_capped_at_the_max_delay() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(10), 2.0);
        RemoteCallException asked = new RemoteCallException("Twilio", 429, "20429", "slow down", null, Duration.ofSeconds(3));
        assertThat(p.delayFor(1, asked)).isEqualTo(Duration.ofSeconds(3));
        RemoteCallException greedy = new RemoteCallException("Twilio", 429, "20429", "slow down", null, Duration.ofHours(1));
        assertThat(p.delayFor(1, new RuntimeException(greedy))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void transient_failures_are_retried_until_success_and_counted() throws Exception {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(2), 2.0);
        AtomicInteger calls = new AtomicInteger();
        String answer = p.call("test call", () -> {
            if (calls.incrementAndGet() < 4) throw UNAVAILABLE;
            return "ok";
        });
        assertThat(answer).isEqualTo("ok");
        assertThat(calls).hasValue(4);
        assertThat(p.retryCount()).isEqualTo(3);
        assertThat(p.exhaustedCount()).isZero();
    }

    @Test
    void a_permanent_failure_is_thrown_at_once() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(2), 2.0);
        AtomicInteger calls = new AtomicInteger();
        RemoteCallException notFound = new RemoteCallException("Twilio", 404, "20404", "gone", null, null);
        assertThatThrownBy(() -> p.call("test call", () -> {
            calls.incrementAndGet();
            throw notFound;
        })).isSameAs(notFound);
        assertThat(calls).hasValue(1);
        assertThat(p.retryCount()).isZero();
    }

    @Test
    void after_the_last_attempt_the_transient_failure_is_thrown_and_counted_as_exhausted() {
        RetryPolicy p = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), 2.0);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> p.call("test call", () -> {
            calls.incrementAndGet();
            throw UNAVAILABLE;
        })).isSameAs(UNAVAILABLE);
        assertThat(calls).hasValue(3);
        assertThat(p.retryCount()).isEqualTo(2);
        assertThat(p.exhaustedCount()).isEqualTo(1);
    }

    @Test
    void bad_parameters_are_refused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 2.0)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 0.5)).hasMessageContaining("multiplier");
    }
}
