package io.sessionsync.target.salesforce;

import io.sessionsync.delivery.TargetDelivery;
import io.sessionsync.reliability.RetryHooks;
import io.sessionsync.reliability.RetryPolicy;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The Salesforce target's real routes in a test's CamelContext: its call (routes/target-salesforce.yaml),
 * and for delivery tests the outbox drain (routes/delivery.yaml) with the real retry configuration.
 */
final class TargetRoutes {
    private TargetRoutes() {}

    static SalesforceTarget load(CamelContext camel, SalesforceTarget target) throws Exception {
        camel.getRegistry().bind("salesforceTarget", target);
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, SalesforceTarget.ROUTES));
        return target;
    }

    /** The delivery route attached to {@code delivery}, its calls retried under {@code retry}; no timer. */
    static TargetDelivery loadDelivery(CamelContext camel, TargetDelivery delivery, RetryPolicy retry) throws Exception {
        camel.getRegistry().bind("targetDelivery", delivery);
        RetryHooks.bind(camel.getRegistry(), retry);
        camel.getPropertiesComponent().setLocation("classpath:config/application.properties");
        camel.getPropertiesComponent().addOverrideProperty("sessionsync.salesforce.target.enabled", "false"); // no timer
        for (String file : new String[] {"classpath:routes/retry.yaml", "classpath:routes/delivery.yaml"}) {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, file));
        }
        return delivery.attach(camel.createProducerTemplate());
    }
}
