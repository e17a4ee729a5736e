package io.sessionsync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionsync.config.Settings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SalesforceSettingsTest {

    @Test
    void to_string_never_shows_secrets() {
        SalesforceSettings s = SalesforceSettings.usernamePassword("https://example.my.salesforce.com/", "cid",
                "CANARY-SECRET-1", "user@example.com", "CANARY-PASSWORD-2");
        assertThat(s.toString()).doesNotContain("CANARY").contains("clientSecret=***").contains("password=***");
        assertThat(s.loginUrl()).isEqualTo("https://example.my.salesforce.com");
        assertThat(s.instanceUrl()).isNull();
        assertThat(s.apiVersion()).isEqualTo("62.0");
    }

    @Test
    void missing_settings_are_named() {
        assertThatThrownBy(() -> SalesforceSettings.clientCredentials("https://x.my.salesforce.com", "cid", " "))
                .hasMessage("sessionsync.salesforce.client-secret is required");
        assertThatThrownBy(() -> SalesforceSettings.usernamePassword("https://x.my.salesforce.com", "cid", "s", null, "p"))
                .hasMessage("sessionsync.salesforce.username is required");
        assertThatThrownBy(() -> SalesforceSettings.clientCredentials("http://evil.example.com", "cid", "s"))
                .hasMessageStartingWith("sessionsync.salesforce.login-url must be https");
        Settings badVersion = Settings.from(new Properties(), Map.of("SESSIONSYNC_SALESFORCE_CLIENT_ID", "c",
                "SESSIONSYNC_SALESFORCE_CLIENT_SECRET", "s", "SESSIONSYNC_SALESFORCE_API_VERSION", "v62"));
        assertThatThrownBy(() -> SalesforceSettings.from(badVersion))
                .hasMessageContaining("sessionsync.salesforce.api-version").hasMessageContaining("a version like 62.0");
    }
}
