package io.sessionsync.source.salesforce;

import io.sessionsync.pipeline.SyncContext;
import io.sessionsync.run.Trigger;
import io.sessionsync.reliability.ErrorClassifier;
import io.sessionsync.salesforce.SalesforceBudget;

/**
 * When a scheduled run stops cleanly, checkpoint kept: the org's API usage is over the configured share,
 * or Salesforce answered REQUEST_LIMIT_EXCEEDED. The quota is not a record fault, so it must not fail the run.
 */
final class BudgetStop {
    private final SalesforceCalls calls;
    private final SalesforceBudget budget;
    private final double share;

    BudgetStop(SalesforceCalls calls, SalesforceBudget budget, double share) {
        this.calls = calls;
        this.budget = budget;
        this.share = share;
    }

    /** Checked before each call, so a run stops between pages rather than mid-page. */
    boolean mustStop(SyncContext ctx) {
        return ctx.trigger() == Trigger.SCHEDULE && calls.budgetReadThisRun() && budget.exceeds(share);
    }

    /** Whether a failed call means "stop, quota used up" rather than a failure to report. */
    boolean stopsOn(SyncContext ctx, Exception e) {
        return ctx.trigger() == Trigger.SCHEDULE && isQuotaExhausted(e);
    }

    private static boolean isQuotaExhausted(Exception e) {
        return ErrorClassifier.errorCode(e).filter("REQUEST_LIMIT_EXCEEDED"::equals).isPresent();
    }
}
