package io.sessionsync.source.salesforce;

import io.sessionsync.reliability.ErrorClassifier;
import io.sessionsync.salesforce.SalesforceBudget;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps around every Salesforce call of {@code routes/source-salesforce.yaml}: before it, the API
 * budget (a scheduled run stops cleanly, checkpoints kept, once the org's usage is over the configured
 * share); after it, the usage Salesforce reported ({@code Sforce-Limit-Info}) into {@link SalesforceBudget},
 * so no call can slip past the budget check; and REQUEST_LIMIT_EXCEEDED, caught where the call is made.
 *
 * <p>Why the quota is caught there: the {@link ErrorClassifier} calls it transient (it clears with the
 * next day's budget), so the caller's {@code retried} configuration would redeliver the call, spending
 * more of a budget that is gone. Caught first, it never reaches that error handler: it ends the run's
 * reading like a budget stop. A scheduled run then ends cleanly (the quota is not a record fault);
 * any other run fails with Salesforce's error once its reading has unwound ({@link SalesforceReads#end},
 * outside the retried steps), without a retry.
 */
public final class BudgetStop {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetStop.class);
    static final String QUOTA = "REQUEST_LIMIT_EXCEEDED";

    private final SalesforceBudget budget;
    private final double share;

    BudgetStop(SalesforceBudget budget, double share) {
        this.budget = budget;
        this.share = share;
    }

    /** Before each call: throws {@link Stopped} (caught around the call) once the run must not call again. */
    public void beforeCall(Exchange exchange) {
        SalesforceRun run = SalesforceRun.of(exchange);
        if (!run.stopped() && run.scheduled() && run.usageRead() && budget.exceeds(share)) {
            run.stop("Salesforce API usage " + budget + " is over " + Math.round(share * 100) + "% of the daily budget");
        }
        if (run.stopped()) throw new Stopped();
    }

    /**
     * A call failed: a stop (the call was not made, or Salesforce answered REQUEST_LIMIT_EXCEEDED) ends the
     * run's reading here, body null; any other failure is thrown on, to the caller's retry.
     */
    public void caught(Exchange exchange) throws Exception {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (e instanceof Stopped) {
            exchange.getMessage().setBody(null);
            return;
        }
        if (!isQuota(e)) throw e;
        SalesforceRun run = SalesforceRun.of(exchange);
        String reason = "Salesforce answered " + QUOTA + " (the org's daily API budget is used up)";
        if (run.scheduled()) {
            run.stop(reason);
        } else {
            LOG.warn("run {}: {} at {}; not retried, the run fails", run.ctx.runId(), reason, PolledObject.nameOf(exchange));
            run.failWith(reason, e);
        }
        exchange.getMessage().setBody(null);
    }

    /** After each call, failed or not: the usage it reported goes into the shared budget. */
    public void afterCall(Exchange exchange) {
        String limitInfo = exchange.getMessage().getHeader(SalesforceBudget.HEADER, String.class);
        if (limitInfo == null) return;
        budget.update(limitInfo);
        SalesforceRun.of(exchange).usageRead(true);
        // Read once: a later call that gets no answer must not count this one's usage as its own.
        exchange.getMessage().removeHeader(SalesforceBudget.HEADER);
    }

    static boolean isQuota(Throwable e) {
        return e != null && ErrorClassifier.errorCode(e).filter(QUOTA::equals).isPresent();
    }

    /** The run's reading has stopped (budget or quota): the call is not made. Never leaves the call's route. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("the Salesforce reading of this run has stopped", null, false, false);
        }
    }
}
