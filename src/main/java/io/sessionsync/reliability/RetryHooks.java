package io.sessionsync.reliability;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hooks of the {@code retried} route configuration ({@code routes/retry.yaml}), so that Camel's
 * redelivery behaves as {@link RetryPolicy#call} does: the remote side's Retry-After is the next wait
 * (capped), and each retry is logged once, with the failure's log-safe reason, and counted.
 */
public final class RetryHooks {
    private static final Logger LOG = LoggerFactory.getLogger(RetryHooks.class);

    private final RetryPolicy policy;

    public RetryHooks(RetryPolicy policy) {
        this.policy = policy;
    }

    /**
     * Binds what {@code routes/retry.yaml} refers to, by its names: the policy as Camel's redelivery
     * ({@code retryRedelivery}), no redelivery for the rest ({@code noRedelivery}) and the two hooks.
     */
    public static void bind(Registry registry, RetryPolicy policy) {
        RetryHooks hooks = new RetryHooks(policy);
        registry.bind("retryRedelivery", policy.redeliveryPolicy());
        registry.bind("noRedelivery", RetryPolicy.once().redeliveryPolicy());
        registry.bind("retryAfter", hooks.retryAfter());
        registry.bind("retryAttempt", hooks.retryAttempt());
    }

    /**
     * Called as each failure occurs, before Camel works out the next delay: a Retry-After in the cause
     * chain becomes the {@code CamelRedeliveryDelay} header, which Camel then uses instead of its own
     * backoff; without one the header is removed so the backoff applies.
     */
    public Processor retryAfter() {
        return exchange -> {
            Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            if (failure == null) failure = exchange.getException();
            Duration asked = failure == null ? null : ErrorClassifier.retryAfter(failure).orElse(null);
            if (asked == null) {
                exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
            } else {
                Duration capped = asked.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : asked;
                exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, capped.toMillis());
            }
        };
    }

    /** Called before each redelivery: one WARN line and a count, as {@link RetryPolicy#call} does. */
    public Processor retryAttempt() {
        return exchange -> {
            int attempt = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
            Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            String node = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
            LOG.warn("{} failed transiently (attempt {}/{}), retrying: {}", node == null ? "a step" : "route " + node,
                    attempt, policy.maxAttempts(), failure == null ? "?" : FailureReason.of(failure));
            policy.countRetry();
        };
    }
}
