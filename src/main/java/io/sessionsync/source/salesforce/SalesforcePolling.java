package io.sessionsync.source.salesforce;

import io.sessionsync.salesforce.SalesforceBudget;
import io.sessionsync.salesforce.SalesforceLogin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The beans {@code routes/source-salesforce.yaml} calls, by the names its steps use, built together so
 * that they share one loop guard ({@link RecordIntake}) and one budget.
 */
public final class SalesforcePolling {
    private final RecordIntake intake;
    private final SalesforceReads reads;
    private final Map<String, Object> beans = new LinkedHashMap<>();

    /**
     * @param fieldsByObject per object to poll (in this order), the fields the mapping reads; Id,
     *                       SystemModstamp, CreatedDate and IsDeleted are always added
     * @param login          the login before a run's first call (one attempt: the route step is retried)
     */
    public SalesforcePolling(Map<String, Set<String>> fieldsByObject, SalesforceBudget budget, SalesforceSource.Options options,
                             SalesforceSource.Bulk bulk, SalesforceLogin login) {
        Map<String, Set<String>> fields = SalesforceSource.checkedFields(fieldsByObject);
        this.intake = new RecordIntake(options.loopGuardPrefix());
        this.reads = new SalesforceReads(fields, options, bulk, login);
        beans.put("salesforceReads", reads);
        beans.put("salesforceRestPasses", new RestPasses(intake));
        beans.put("salesforceBulkJobs", new BulkQueryJobs(bulk, intake));
        beans.put("salesforceBudgetStop", new BudgetStop(budget, options.budgetShare()));
    }

    /** The route file's beans by name. */
    public Map<String, Object> beans() {
        return Map.copyOf(beans);
    }

    /** EngagementInteractions skipped because session-sync wrote them (since start). */
    public long skippedOwnRecords() { return intake.skippedOwnRecords(); }

    /** Whether the last run stopped early for the API budget. */
    public boolean lastRunStopped() { return reads.lastRunStopped(); }
}
