package io.sessionsync.sandbox;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The org's daily API request budget, as the limits call and {@code Sforce-Limit-Info} report it. */
final class SimulatedApiUsage {
    private final AtomicInteger used = new AtomicInteger();
    private volatile int max = 15_000;

    void set(int used, int max) {
        this.used.set(used);
        this.max = max;
    }

    int used() { return used.get(); }

    boolean exhausted() { return used.get() >= max; }

    /** Counts one data call against the budget. */
    void use() { used.incrementAndGet(); }

    String limitInfo() { return "api-usage=" + used.get() + "/" + max; }

    /** The body of the {@code limits} call. */
    Map<String, Object> limits() {
        return Map.of("DailyApiRequests", Map.of("Max", max, "Remaining", max - used.get()));
    }
}
