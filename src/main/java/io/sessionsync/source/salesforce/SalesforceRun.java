package io.sessionsync.source.salesforce;

import io.sessionsync.pipeline.PageSteps;
import io.sessionsync.pipeline.SyncContext;
import io.sessionsync.run.Trigger;
import org.apache.camel.Exchange;

/**
 * One run's reading of Salesforce, kept as exchange property {@value #PROPERTY} by
 * {@code routes/source-salesforce.yaml}: whether this run has had its own API usage reading yet, and
 * whether (and why) its reading stopped. One object, shared by the objects' split exchanges.
 */
final class SalesforceRun {
    static final String PROPERTY = "salesforceRun";

    final SyncContext ctx;
    /** Whether this run has had its own Sforce-Limit-Info: yesterday's reading must not stop today's run. */
    private volatile boolean usageRead;
    private volatile String stopReason;
    /** A quota answer of a run that must not stop quietly (not scheduled): thrown when the reading ends. */
    private volatile Exception failure;

    SalesforceRun(SyncContext ctx) {
        this.ctx = ctx;
    }

    static SalesforceRun of(Exchange exchange) {
        SalesforceRun run = exchange.getProperty(PROPERTY, SalesforceRun.class);
        if (run == null) throw new IllegalStateException("a Salesforce step ran outside a run (exchange property " + PROPERTY + " is missing)");
        return run;
    }

    /** Opens the run on the exchange that carries it ({@link PageSteps#RUN}). */
    static SalesforceRun open(Exchange exchange) {
        SyncContext ctx = exchange.getProperty(PageSteps.RUN, SyncContext.class);
        if (ctx == null) throw new IllegalStateException("a Salesforce read started outside a run (exchange property " + PageSteps.RUN + " is missing)");
        SalesforceRun run = new SalesforceRun(ctx);
        exchange.setProperty(PROPERTY, run);
        return run;
    }

    boolean scheduled() { return ctx.trigger() == Trigger.SCHEDULE; }

    boolean usageRead() { return usageRead; }

    void usageRead(boolean read) { usageRead = read; }

    boolean stopped() { return stopReason != null; }

    String stopReason() { return stopReason; }

    /** Ends the reading: every later call is skipped, no checkpoint moves past what was written. */
    void stop(String reason) {
        if (stopReason == null) stopReason = reason;
    }

    /** Ends the reading, and the run fails with {@code e} once it has unwound (outside the retried steps). */
    void failWith(String reason, Exception e) {
        stop(reason);
        if (failure == null) failure = e;
    }

    Exception failure() { return failure; }
}
