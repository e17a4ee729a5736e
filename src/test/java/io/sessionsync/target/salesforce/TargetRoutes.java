package io.sessionsync.target.salesforce;

import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** The Salesforce target's real call route (routes/target-salesforce.yaml) in a test's CamelContext. */
final class TargetRoutes {
    private TargetRoutes() {}

    static SalesforceTarget load(CamelContext camel, SalesforceTarget target) throws Exception {
        camel.getRegistry().bind("salesforceTarget", target);
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, SalesforceTarget.ROUTES));
        return target;
    }
}
