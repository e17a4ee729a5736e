package io.sessionsync.salesforce;

import io.sessionsync.config.Settings;
import java.util.Objects;

/**
 * How session-sync logs in to Salesforce ({@code sessionsync.salesforce.*}). Defaults and value
 * checks are {@link Settings}' declarations; this record adds what no single setting can say (which
 * credentials a flow needs, https unless the login host is local). {@link #toString()} never shows
 * the client secret or the password.
 *
 * @param loginUrl     {@code https://login.salesforce.com}, {@code https://test.salesforce.com} or the
 *                     org's My Domain URL (required for client credentials); plain http only for a local fake
 * @param instanceUrl  optional: the org's My Domain URL; null lets the login answer's
 *                     {@code instance_url} decide (the usual case)
 * @param apiVersion   REST API version, e.g. {@code 62.0} (camel-salesforce would default to 56.0); null: the declared default
 * @param authType     which OAuth flow to use
 * @param clientId     the connected app's consumer key
 * @param clientSecret the connected app's consumer secret
 * @param username     the integration user (username-password flow only)
 * @param password     password plus security token (username-password flow only)
 * @param lazyLogin    log in on first use, so the service starts while Salesforce is unreachable
 * @param keystore     JWT flow only: the PKCS#12 keystore (a Camel resource, e.g. {@code file:/etc/sync/sf.p12})
 *                     holding the private key whose certificate is uploaded to the connected app
 * @param keystorePassword JWT flow only: the keystore's (and key's) password
 */
public record SalesforceSettings(String loginUrl, String instanceUrl, String apiVersion, AuthType authType,
                                 String clientId, String clientSecret, String username, String password,
                                 boolean lazyLogin, String keystore, String keystorePassword) {

    private static final Settings DEFAULTS = Settings.defaults();

    /** The OAuth flows supported; username-password is being retired by Salesforce. */
    public enum AuthType { CLIENT_CREDENTIALS, JWT, USERNAME_PASSWORD }

    public SalesforceSettings {
        loginUrl = loginUrl == null || loginUrl.isBlank() ? DEFAULTS.get(Settings.SF_LOGIN_URL) : loginUrl;
        if (!loginUrl.startsWith("https://") && !loginUrl.startsWith("http://127.0.0.1") && !loginUrl.startsWith("http://localhost")) {
            throw new IllegalArgumentException("sessionsync.salesforce.login-url must be https (plain http only for a local simulator), was " + loginUrl);
        }
        apiVersion = apiVersion == null || apiVersion.isBlank() ? DEFAULTS.get(Settings.SF_API_VERSION) : apiVersion;
        authType = authType == null ? AuthType.valueOf(DEFAULTS.get(Settings.SF_AUTH_TYPE)) : authType;
        require(clientId, "sessionsync.salesforce.client-id");
        if (authType != AuthType.JWT) require(clientSecret, "sessionsync.salesforce.client-secret");
        if (authType == AuthType.JWT) {
            require(username, "sessionsync.salesforce.username");
            require(keystore, "sessionsync.salesforce.keystore");
            require(keystorePassword, "sessionsync.salesforce.keystore-password");
        }
        if (authType == AuthType.USERNAME_PASSWORD) {
            require(username, "sessionsync.salesforce.username");
            require(password, "sessionsync.salesforce.password");
        }
        loginUrl = stripSlash(loginUrl);
        instanceUrl = instanceUrl == null || instanceUrl.isBlank() ? null : stripSlash(instanceUrl);
    }

    /**
     * Reads the declared {@code sessionsync.salesforce.*} login settings, each checked against its
     * declaration. Login is lazy: the service starts while Salesforce is unreachable.
     */
    public static SalesforceSettings from(Settings settings) {
        return new SalesforceSettings(settings.get(Settings.SF_LOGIN_URL), settings.getOptional(Settings.SF_INSTANCE_URL),
                settings.getOptional(Settings.SF_API_VERSION), AuthType.valueOf(settings.getOptional(Settings.SF_AUTH_TYPE)),
                settings.getOptional(Settings.SF_CLIENT_ID), settings.getOptional(Settings.SF_CLIENT_SECRET),
                settings.getOptional(Settings.SF_USERNAME), settings.getOptional(Settings.SF_PASSWORD), true,
                settings.getOptional(Settings.SF_KEYSTORE), settings.getOptional(Settings.SF_KEYSTORE_PASSWORD));
    }

    /** Client credentials flow (recommended): the connected app runs as its configured integration user. */
    public static SalesforceSettings clientCredentials(String loginUrl, String clientId, String clientSecret) {
        return new SalesforceSettings(loginUrl, null, null, AuthType.CLIENT_CREDENTIALS, clientId, clientSecret, null, null, true, null, null);
    }

    /** JWT bearer flow (recommended): signs an assertion for {@code username} with the keystore's key. */
    public static SalesforceSettings jwt(String loginUrl, String clientId, String username, String keystore,
                                         String keystorePassword) {
        return new SalesforceSettings(loginUrl, null, null, AuthType.JWT, clientId, null, username, null, true,
                keystore, keystorePassword);
    }

    /** Username-password flow: blocked by default in new orgs; for older orgs and sandboxes only. */
    public static SalesforceSettings usernamePassword(String loginUrl, String clientId, String clientSecret,
                                                      String username, String password) {
        return new SalesforceSettings(loginUrl, null, null, AuthType.USERNAME_PASSWORD, clientId, clientSecret, username, password, true, null, null);
    }

    public SalesforceSettings withApiVersion(String version) {
        return new SalesforceSettings(loginUrl, instanceUrl, version, authType, clientId, clientSecret, username, password, lazyLogin, keystore, keystorePassword);
    }

    public SalesforceSettings withLazyLogin(boolean lazy) {
        return new SalesforceSettings(loginUrl, instanceUrl, apiVersion, authType, clientId, clientSecret, username, password, lazy, keystore, keystorePassword);
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " is required");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "SalesforceSettings[loginUrl=" + loginUrl + ", instanceUrl=" + instanceUrl + ", apiVersion=" + apiVersion
                + ", authType=" + authType + ", clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "-" : "***")
                + ", username=" + Objects.toString(username, "-") + ", password=" + (password == null ? "-" : "***")
                + ", lazyLogin=" + lazyLogin + ", keystore=" + Objects.toString(keystore, "-")
                + ", keystorePassword=" + (keystorePassword == null ? "-" : "***") + "]";
    }
}
