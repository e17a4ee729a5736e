package io.sessionsync.source.salesforce;

import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.SyncContext;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.salesforce.SalesforceBudget;
import io.sessionsync.salesforce.SalesforceComponentFactory;
import io.sessionsync.salesforce.SalesforceLogin;
import io.sessionsync.salesforce.SalesforceSettings;
import io.sessionsync.testing.SourceRouteHarness;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Salesforce through the real route file, routes/source-salesforce.yaml, with the salesforce component
 * registered in the harness's CamelContext as the application does it ({@link SalesforceComponentFactory}).
 * One CamelContext for all the reads of a test, so its Salesforce session lives on between runs as in the service.
 */
public final class SalesforceRoutes implements AutoCloseable {
    /** Transient failures retried a few times, at once: a quota answer retried by mistake would show in the call counts. */
    public static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1.0);

    private final SourceRouteHarness harness;
    /** Built with the harness's CamelContext (the login needs it). */
    private SalesforcePolling polling;
    private final SalesforceSource fetcher;

    public SalesforceRoutes(SalesforceSettings login, Map<String, Set<String>> fields, SalesforceBudget budget,
                            SalesforceSource.Options options) throws Exception {
        this(login, fields, budget, options, SalesforceSource.Bulk.OFF);
    }

    public SalesforceRoutes(SalesforceSettings login, Map<String, Set<String>> fields, SalesforceBudget budget,
                            SalesforceSource.Options options, SalesforceSource.Bulk bulk) throws Exception {
        harness = new SourceRouteHarness(SalesforceSource.NAME, RETRY, camel -> {
            SalesforceComponentFactory.register(camel, login);
            polling = new SalesforcePolling(fields, budget, options, bulk,
                    new SalesforceLogin(camel, login.loginUrl(), RetryPolicy.once()::call));
            return polling.beans();
        }, Map.of());
        fetcher = new SalesforceSource(harness.camel().createProducerTemplate(), fields, budget, options,
                new SalesforceLogin(harness.camel(), login.loginUrl(), RETRY::call), RETRY);
    }

    /** One run's read, as the service does it. */
    public void read(SyncContext run) throws Exception {
        harness.read(run);
    }

    /** One record by id, as webhooks and replays fetch it. */
    public Optional<RawRecord> fetch(String object, String id) throws Exception {
        return fetcher.fetch(object, id);
    }

    /** EngagementInteractions the runs skipped because session-sync wrote them. */
    public long skippedOwnRecords() {
        return polling.skippedOwnRecords();
    }

    /** Whether the last run stopped early for the API budget. */
    public boolean lastRunStopped() {
        return polling.lastRunStopped();
    }

    @Override
    public void close() {
        harness.close();
    }
}
