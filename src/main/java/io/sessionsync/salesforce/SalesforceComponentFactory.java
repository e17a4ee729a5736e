package io.sessionsync.salesforce;

import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.support.jsse.KeyStoreParameters;

/**
 * Builds the {@code salesforce} Camel component from {@link SalesforceSettings}. The source and the
 * target only ever talk to Salesforce through this component's endpoints.
 */
public final class SalesforceComponentFactory {
    /** The component name our endpoints use ({@code salesforce:query?...}). */
    public static final String COMPONENT = "salesforce";

    private SalesforceComponentFactory() {}

    public static SalesforceComponent create(SalesforceSettings s) {
        SalesforceComponent c = new SalesforceComponent();
        c.setLoginUrl(s.loginUrl());
        // Not needed for lazy login (camel-salesforce logs in before the first call and then uses the
        // login answer's instance_url, checked against the simulator); set only when configured.
        if (s.instanceUrl() != null) c.setInstanceUrl(s.instanceUrl());
        c.setClientId(s.clientId());
        switch (s.authType()) {
            case USERNAME_PASSWORD -> {
                c.setClientSecret(s.clientSecret());
                c.setUserName(s.username());
                c.setPassword(s.password());
                c.setAuthenticationType(AuthenticationType.USERNAME_PASSWORD);
            }
            case JWT -> {
                KeyStoreParameters keystore = new KeyStoreParameters();
                keystore.setResource(s.keystore());
                keystore.setPassword(s.keystorePassword());
                keystore.setType("PKCS12");
                c.setKeystore(keystore);
                c.setUserName(s.username());
                c.setAuthenticationType(AuthenticationType.JWT);
            }
            default -> {
                c.setClientSecret(s.clientSecret());
                c.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
            }
        }
        c.setLazyLogin(s.lazyLogin());
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion(s.apiVersion());
        c.setConfig(config);
        return c;
    }

    /** Creates the component and adds it to {@code context} as {@value #COMPONENT}. */
    public static SalesforceComponent register(CamelContext context, SalesforceSettings s) {
        SalesforceComponent c = create(s);
        context.addComponent(COMPONENT, c);
        return c;
    }
}
