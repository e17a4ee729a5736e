package io.sessionsync.ops;

import java.util.List;
import java.util.ArrayList;
import io.sessionsync.salesforce.SalesforceBudget;
import io.sessionsync.store.WebhookInbox;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sessionsync.delivery.TargetDelivery;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.store.DeadLetterStore;

/**
 * session-sync's own meters, next to Camel's: records read, written, unchanged and failed per source
 * ({@code sessionsync_records_total}), run durations per source, trigger and status
 * ({@code sessionsync_run_seconds}), retries of transient failures ({@code sessionsync_retries_total})
 * and the dead letters pending ({@code sessionsync_dead_letters_pending}, read from the store at each
 * scrape). Fed by SyncService's run listener and RetryPolicy's retry listener.
 */
public final class SyncMetrics {
    private final MeterRegistry registry;
    private final Counter retries;

    private final DeadLetterStore deadLetters;
    private final MultiGauge lettersByReason;

    public SyncMetrics(MeterRegistry registry, DeadLetterStore deadLetters) {
        this.deadLetters = deadLetters;
        this.lettersByReason = MultiGauge.builder("sessionsync.dead_letters.pending_by_reason")
                .description("Dead letters waiting, by source, stage and reason (the API's error code, else the error class)")
                .register(registry);
        this.registry = registry;
        this.retries = Counter.builder("sessionsync.retries").description("Retries of transient failures of remote calls")
                .register(registry);
        Gauge.builder("sessionsync.dead_letters.pending", deadLetters, SyncMetrics::pending)
                .description("Dead letters waiting for a replay or a discard (NaN while the store is unreachable)")
                .register(registry);
    }

    /** Counts a finished run (any trigger). */
    public void runFinished(RunSummary run) {
        count(run.source(), "read", run.counts().read());
        count(run.source(), "written", run.counts().written());
        count(run.source(), "unchanged", run.counts().unchanged());
        count(run.source(), "failed", run.counts().failed());
        count(run.source(), "skipped", run.counts().skipped());
        Timer.builder("sessionsync.run").description("Duration of sync runs")
                .tag("source", run.source()).tag("trigger", run.trigger().dbValue()).tag("status", run.status())
                .register(registry).record(run.took());
    }

    /**
     * Target deliveries: {@code sessionsync_deliveries_total} by target and outcome (delivered, refused,
     * postponed) and {@code sessionsync_deliveries_pending} by target, read from the outbox at each
     * scrape: a target outage shows as a pending count that grows and then drains by itself.
     */
    public void watch(TargetDelivery delivery) {
        for (String target : delivery.targets()) {
            Gauge.builder("sessionsync.deliveries.pending", delivery, d -> pendingOf(d, target))
                    .description("Stored sessions not yet taken by the target (NaN while the store is unreachable)")
                    .tag("target", target).register(registry);
        }
        delivery.addListener(pass -> {
            countDelivery(pass.target(), "delivered", pass.delivered());
            countDelivery(pass.target(), "refused", pass.refused());
            countDelivery(pass.target(), "postponed", pass.postponed());
        });
    }

    private void countDelivery(String target, String outcome, long n) {
        Counter.builder("sessionsync.deliveries").description("Sessions per target by outcome: delivered, refused, postponed")
                .tag("target", target).tag("outcome", outcome).register(registry).increment(n);
    }

    private static double pendingOf(TargetDelivery delivery, String target) {
        try {
            return delivery.outbox().queue(target).pending();
        } catch (RuntimeException storeDown) {
            return Double.NaN;
        }
    }

    /**
     * Per source: {@code sessionsync_last_success_timestamp_seconds} (epoch seconds of the last successful
     * scheduled or manual run; 0 until there is one) and {@code sessionsync_source_failed_runs_in_a_row}.
     */
    public void watch(SourceRuns runs) {
        for (String source : runs.sources()) {
            Gauge.builder("sessionsync.last_success_timestamp", runs,
                            r -> r.state(source).lastSuccess().map(t -> t.toEpochMilli() / 1000.0).orElse(0.0))
                    .description("When the source's last successful scheduled or manual run finished (0: none yet)")
                    .baseUnit("seconds").tag("source", source).register(registry);
            Gauge.builder("sessionsync.source.failed_runs_in_a_row", runs, r -> r.state(source).failedInARow())
                    .description("Scheduled or manual runs of the source that failed in a row (0 after a success)")
                    .tag("source", source).register(registry);
        }
    }

    /**
     * The webhook inbox's depth ({@code sessionsync_webhook_inbox_pending}) and the Salesforce API
     * budget as the last answer's {@code Sforce-Limit-Info} told it ({@code sessionsync_salesforce_api_used}
     * and {@code _max}), read at each scrape.
     */
    public void watch(WebhookInbox inbox, SalesforceBudget budget) {
        Gauge.builder("sessionsync.webhook.inbox.pending", inbox, SyncMetrics::inboxPending)
                .description("Accepted webhook events not yet processed (NaN while the store is unreachable)").register(registry);
        if (budget != null) {
            Gauge.builder("sessionsync.salesforce.api.used", budget, SalesforceBudget::used)
                    .description("Salesforce API requests used today, from the last Sforce-Limit-Info").register(registry);
            Gauge.builder("sessionsync.salesforce.api.max", budget, SalesforceBudget::max)
                    .description("Salesforce API requests allowed per day, from the last Sforce-Limit-Info").register(registry);
        }
    }

    /**
     * Pending dead letters by source, stage and reason ({@code sessionsync_dead_letters_pending_by_reason}):
     * a query, so it is refreshed on a timer (routes/metrics.yaml), not at each scrape.
     */
    public void refreshLetters() {
        try {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (DeadLetterStore.PendingGroup g : deadLetters.pendingByReason()) {
                rows.add(MultiGauge.Row.of(Tags.of("source", g.source(), "stage", g.stage(), "reason", g.reason()), g.count()));
            }
            lettersByReason.register(rows, true);
        } catch (RuntimeException storeDown) {
            // Keep the last rows; the store readiness check reports the outage.
        }
    }

    private static double inboxPending(WebhookInbox inbox) {
        try {
            return inbox.pending();
        } catch (RuntimeException storeDown) {
            return Double.NaN;
        }
    }

    /** Counts one retry of a transient failure. */
    public void retried() {
        retries.increment();
    }

    private void count(String source, String outcome, long n) {
        Counter.builder("sessionsync.records").description("Records per source by outcome: read, written, unchanged, failed")
                .tag("source", source).tag("outcome", outcome).register(registry).increment(n);
    }

    private static double pending(DeadLetterStore store) {
        try {
            return store.countPending();
        } catch (RuntimeException storeDown) {
            return Double.NaN;
        }
    }
}
