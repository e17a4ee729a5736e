package io.sessionsync.source.salesforce;

import io.sessionsync.reliability.RetryPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import io.sessionsync.salesforce.SalesforceBudget;
import io.sessionsync.salesforce.SalesforceComponentFactory;
import io.sessionsync.salesforce.SalesforceLogin;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * The single fetches' calls to {@code salesforce:<endpoint>} (webhooks, replays: one call each, outside a
 * route). Every answer's {@code Sforce-Limit-Info} goes into the budget, as the run's route does it.
 */
final class SalesforceCalls {
    private static final ObjectMapper JSON = Json.mapper();

    private final ProducerTemplate producer;
    private final SalesforceBudget budget;
    private final SalesforceLogin login;
    private final RetryPolicy retry;

    SalesforceCalls(ProducerTemplate producer, SalesforceBudget budget, SalesforceLogin login, RetryPolicy retry) {
        this.retry = retry;
        this.producer = producer;
        this.budget = budget;
        this.login = login;
    }

    /**
     * A REST call with {@code rawPayload=true}, its JSON answer parsed. Queries only read, so a transient
     * failure (503, a dropped connection) is retried under the retry policy, like the other sources'
     * calls; an exhausted quota is not: retrying it would only spend more of a budget that is gone.
     */
    JsonNode rest(String operation, String body) throws Exception {
        login.ensure();  // retried on its own; a login that failed for good is not retried again here
        try {
            return retry.call("Salesforce " + operation, () -> {
                try {
                    return restOnce(operation, body);
                } catch (Exception e) {
                    if (BudgetStop.isQuota(e)) throw new QuotaExhausted(e);
                    throw e;
                }
            });
        } catch (QuotaExhausted q) {
            throw q.quota;
        }
    }

    /** Carries a quota failure past the retry policy (which would retry it as transient) untouched. */
    private static final class QuotaExhausted extends Exception {
        final Exception quota;

        QuotaExhausted(Exception quota) {
            super(quota.getMessage(), null, false, false);
            this.quota = quota;
        }
    }

    private JsonNode restOnce(String operation, String body) throws Exception {
        Exchange ex = send(operation + "?rawPayload=true", body, Map.of());
        String json = ex.getMessage().getBody(String.class);
        if (json == null || json.isBlank()) throw new IllegalStateException("Salesforce " + operation + " answered with no body");
        return JSON.readTree(json);
    }

    /** Sends one call, reads the API usage it reports, throws its failure. */
    private Exchange send(String endpoint, Object body, Map<String, Object> headers) throws Exception {
        login.ensure();
        Exchange ex = producer.send(SalesforceComponentFactory.COMPONENT + ":" + endpoint, e -> {
            e.getIn().setBody(body);
            headers.forEach(e.getIn()::setHeader);
        });
        String limitInfo = ex.getMessage().getHeader(SalesforceBudget.HEADER, String.class);
        if (limitInfo != null) budget.update(limitInfo);
        if (ex.getException() != null) throw ex.getException();
        return ex;
    }
}
