package io.sessionsync.target.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionsync.reliability.ErrorClassifier;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.salesforce.SalesforceBudget;
import io.sessionsync.salesforce.SalesforceComponentFactory;
import io.sessionsync.salesforce.SalesforceLogin;
import io.sessionsync.salesforce.SalesforceSettings;
import io.sessionsync.sandbox.SalesforceSimulator;
import java.net.ServerSocket;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The target's write against an unreachable login host fails naming the host and its setting, as a transient failure. */
class SalesforceTargetLoginIT {
    CamelContext camel;

    @AfterEach
    void stop() {
        if (camel != null) camel.stop();
    }

    @Test
    void an_unreachable_login_host_is_named_with_its_setting_and_left_to_the_delivery_retries() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed;
        camel = new DefaultCamelContext();
        SalesforceComponentFactory.register(camel, SalesforceSettings.clientCredentials(url,
                SalesforceSimulator.CLIENT_ID, SalesforceSimulator.CLIENT_SECRET));
        camel.start();
        SalesforceTarget target = TargetRoutes.load(camel, new SalesforceTarget(camel.createProducerTemplate(), SalesforceTargetIT.MAPPER,
                Set.of("twilio-proxy"), new SalesforceBudget(), 200, new SalesforceLogin(camel, url, RetryPolicy.once()::call)));

        assertThatThrownBy(() -> target.write(SalesforceTargetIT.sessions(1)))
                .hasMessageContaining(url).hasMessageContaining("sessionsync.salesforce.login-url")
                .satisfies(e -> assertThat(ErrorClassifier.isTransient(e)).as("retried by the delivery").isTrue());
    }
}
