package io.sessionsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.AntPathMatcher;
import org.junit.jupiter.api.Test;

/**
 * The files ConnectorRoutes loads itself must be left out of Camel Main's own loading, at the locations
 * Camel really finds them: loaded twice, the retry configuration stops start-up ("Route configuration
 * already exists"), and a disabled source's file would be loaded without its beans and endpoint.
 */
class ConnectorRoutesTest {

    @Test
    void camel_mains_wildcard_leaves_out_exactly_the_connector_files_and_the_retry_configuration() throws Exception {
        try (var camel = new DefaultCamelContext()) {
            List<String> excluded = PluginHelper.getPackageScanResourceResolver(camel).findResources(SessionSyncApplication.ALL_ROUTES)
                    .stream().map(Resource::getLocation)
                    .filter(location -> AntPathMatcher.INSTANCE.anyMatch(ConnectorRoutes.LOADED_HERE.split(","), location))
                    .map(location -> location.substring(location.lastIndexOf('/') + 1)).sorted().toList();

            assertThat(excluded).containsExactly("retry.yaml", "source-evovoice.yaml", "source-salesforce.yaml", "source-twilio-proxy.yaml",
                    "target-salesforce.yaml");
        }
    }
}
