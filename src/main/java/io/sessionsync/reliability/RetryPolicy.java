package io.sessionsync.reliability;

import io.sessionsync.config.Settings;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry policy, configured once from {@code sessionsync.retry.*}: transient failures (as the
 * {@link ErrorClassifier} decides) are retried with exponential backoff and jitter, honouring a
 * {@code Retry-After} the remote side sent (capped at {@code maxDelay}); permanent failures are
 * thrown at once.
 *
 * <p>Route steps are retried by Camel itself: {@link #redeliveryPolicy()} is the redelivery policy of
 * the {@code retried} route configuration ({@code routes/retry.yaml}), and {@link RetryHooks} apply
 * Retry-After and count the retries. {@link #call} is the same policy for the few calls that run
 * outside a route step: recording a run's start and end around its routes, the delivery and inbox
 * drains' bookkeeping, and single fetches for webhooks and replays.
 */
public final class RetryPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    private final int maxAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double multiplier;
    private volatile Runnable retryListener = () -> {};
    /** Counters for the metrics: retries made, and calls that failed after their last attempt. */
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong exhausted = new AtomicLong();

    public RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier) {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        if (multiplier < 1.0) throw new IllegalArgumentException("multiplier must be at least 1.0, was " + multiplier);
        this.maxAttempts = maxAttempts;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.multiplier = multiplier;
    }

    /** The policy of the shipped defaults of {@code sessionsync.retry.*}. */
    public static RetryPolicy defaults() {
        return from(Settings.defaults());
    }

    /** The policy {@code sessionsync.retry.*} configure. */
    public static RetryPolicy from(Settings settings) {
        return new RetryPolicy(settings.getInt(Settings.RETRY_MAX_ATTEMPTS), settings.getMillis(Settings.RETRY_INITIAL_DELAY),
                settings.getMillis(Settings.RETRY_MAX_DELAY), settings.getDouble(Settings.RETRY_MULTIPLIER));
    }

    /** A policy that tries once: for tests and for callers that retry at a higher level. */
    public static RetryPolicy once() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0);
    }

    public int maxAttempts() { return maxAttempts; }

    /**
     * This policy as Camel's redelivery policy: the same attempts, first delay, multiplier and cap;
     * Camel's collision avoidance is the jitter. Retry-After overrides the delay per failure through
     * {@link RetryHooks#retryAfter()}. Camel logs nothing itself: {@link RetryHooks#retryAttempt()}
     * logs each retry, and the run or delivery that finally fails says why once.
     */
    public RedeliveryPolicy redeliveryPolicy() {
        RedeliveryPolicy p = new RedeliveryPolicy();
        p.setMaximumRedeliveries(maxAttempts - 1);
        p.setRedeliveryDelay(initialDelay.toMillis());
        p.setMaximumRedeliveryDelay(maxDelay.toMillis());
        p.setUseExponentialBackOff(multiplier > 1.0);
        p.setBackOffMultiplier(multiplier);
        p.setUseCollisionAvoidance(true);
        p.setCollisionAvoidanceFactor(0.25);
        p.setLogRetryAttempted(false);
        p.setLogExhausted(false);
        p.setLogStackTrace(false);
        p.setLogExhaustedMessageHistory(false);
        p.setLogExhaustedMessageBody(false);
        p.setRetriesExhaustedLogLevel(LoggingLevel.DEBUG);
        return p;
    }

    /** The longest wait between two attempts: a Retry-After above it is capped to it. */
    public Duration maxDelay() { return maxDelay; }

    /** Counts one retry made by Camel's redelivery under this policy (metrics). */
    void countRetry() {
        retries.incrementAndGet();
        retryListener.run();
    }

    /** Called before each retry (metrics count them). */
    public void onRetry(Runnable listener) {
        this.retryListener = listener;
    }
    /** Retries made so far by every call through this policy (a second attempt counts one). */
    public long retryCount() { return retries.get(); }

    /** Calls that failed transiently on every attempt and were thrown to the caller. */
    public long exhaustedCount() { return exhausted.get(); }

    /** Runs {@code call}, retrying transient failures; {@code what} names the call in logs (no secrets). */
    public <T> T call(String what, Callable<T> call) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (Exception e) {
                if (!ErrorClassifier.isTransient(e)) throw e;
                if (attempt >= maxAttempts) {
                    exhausted.incrementAndGet();
                    throw e;
                }
                Duration wait = delayFor(attempt, e);
                retries.incrementAndGet();
                LOG.warn("{} failed transiently (attempt {}/{}), retrying in {} ms: {}",
                        what, attempt, maxAttempts, wait.toMillis(), FailureReason.of(e));
                retryListener.run();
                Thread.sleep(wait.toMillis());
            }
        }
    }

    /**
     * The backoff before attempt {@code attempt + 1} after {@code failure}: the remote side's
     * Retry-After when it gave one, else exponential with jitter, never above the maximum delay. Work
     * that outlived a whole {@link #call} (a delivery postponed) waits this long between passes too.
     */
    public Duration delayFor(int attempt, Throwable failure) {
        Duration asked = ErrorClassifier.retryAfter(failure).orElse(null);
        if (asked != null) return asked.compareTo(maxDelay) > 0 ? maxDelay : asked;
        double base = initialDelay.toMillis() * Math.pow(multiplier, attempt - 1);
        long capped = (long) Math.min(base, maxDelay.toMillis());
        // Full jitter: spreads retries of many workers so they do not hit the API in step.
        return Duration.ofMillis(capped <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 2, capped + 1));
    }
}
