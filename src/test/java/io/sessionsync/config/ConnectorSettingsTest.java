package io.sessionsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionsync.salesforce.SalesforceSettings;
import io.sessionsync.source.evovoice.EvoVoiceSettings;
import io.sessionsync.source.salesforce.SalesforceSource;
import io.sessionsync.source.twilio.TwilioSettings;
import io.sessionsync.store.StoreSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The connectors' settings records read what {@link Settings} declares and validates: the same
 * defaults, the same checks, no second copy that could drift.
 */
class ConnectorSettingsTest {
    private static final String ACCOUNT = "AC" + "1".repeat(32);
    private static final String SERVICE = "KS" + "a".repeat(32);

    private static Settings settings(Map<String, String> env) {
        return Settings.from(new Properties(), env);
    }

    @Test
    void unset_values_take_the_declared_defaults() {
        Settings s = settings(Map.of("SESSIONSYNC_TWILIO_ACCOUNT_SID", ACCOUNT, "SESSIONSYNC_TWILIO_AUTH_TOKEN", "t",
                "SESSIONSYNC_TWILIO_SERVICE_SIDS", SERVICE, "SESSIONSYNC_EVOVOICE_USERNAME", "u",
                "SESSIONSYNC_EVOVOICE_PASSWORD", "p", "SESSIONSYNC_EVOVOICE_ACCOUNT_IDS", "acc-1",
                "SESSIONSYNC_SALESFORCE_CLIENT_ID", "cid", "SESSIONSYNC_SALESFORCE_CLIENT_SECRET", "secret"));
        TwilioSettings twilio = TwilioSettings.from(s);
        assertThat(twilio.baseUrl()).isEqualTo(Settings.TWILIO_BASE_URL.defaultValue());
        assertThat(twilio.pageSize()).isEqualTo(Integer.parseInt(Settings.TWILIO_PAGE_SIZE.defaultValue()));

        EvoVoiceSettings evo = EvoVoiceSettings.from(s);
        assertThat(evo.baseUrl()).isEqualTo(Settings.EVO_BASE_URL.defaultValue());
        assertThat(evo.auth().name()).isEqualTo(Settings.EVO_AUTH.defaultValue());
        assertThat(evo.countPerPage()).isEqualTo(Integer.parseInt(Settings.EVO_COUNT_PER_PAGE.defaultValue()));
        assertThat(evo.maxCallsPerRun()).isEqualTo(Integer.parseInt(Settings.EVO_MAX_CALLS_PER_RUN.defaultValue()));
        assertThat(evo.initialLookback()).isEqualTo(Duration.ofDays(30)); // declared as "30d"

        SalesforceSettings sf = SalesforceSettings.from(s);
        assertThat(sf.loginUrl()).isEqualTo(Settings.SF_LOGIN_URL.defaultValue());
        assertThat(sf.apiVersion()).isEqualTo(Settings.SF_API_VERSION.defaultValue());
        assertThat(sf.authType().name()).isEqualTo(Settings.SF_AUTH_TYPE.defaultValue());
    }

    @Test
    void the_salesforce_source_options_are_the_declared_values() {
        SalesforceSource.Options options = SalesforceSource.Options.from(settings(Map.of("SESSIONSYNC_SALESFORCE_SOURCE_OVERLAP", "PT5M")));
        assertThat(options.overlap()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.budgetShare()).isEqualTo(Double.parseDouble(Settings.SF_BUDGET_SHARE.defaultValue()));
        assertThat(SalesforceSource.Options.DEFAULTS.loopGuardPrefix()).isEqualTo(Settings.SF_LOOP_GUARD_PREFIX.defaultValue());
        assertThat(SalesforceSource.Bulk.OFF.threshold()).isZero();
        assertThat(SalesforceSource.Bulk.OFF.maxRecords()).isEqualTo(Integer.parseInt(Settings.SF_BULK_PAGE_RECORDS.defaultValue()));
        assertThatThrownBy(() -> SalesforceSource.Options.from(settings(Map.of("SESSIONSYNC_SALESFORCE_SOURCE_OVERLAP", "PT-5M"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("sessionsync.salesforce.source.overlap");
    }

    @Test
    void the_store_pool_size_default_is_the_declared_one() {
        StoreSettings store = new StoreSettings(null, null, null, 0);
        assertThat(store.jdbcUrl()).isEqualTo(Settings.STORE_URL.defaultValue());
        assertThat(store.poolSize()).isEqualTo(Integer.parseInt(Settings.STORE_POOL_SIZE.defaultValue()));
    }

    @Test
    void a_value_the_declaration_accepts_the_connector_reads_and_start_up_agrees() {
        Settings s = settings(Map.of("SESSIONSYNC_EVOVOICE_USERNAME", "u", "SESSIONSYNC_EVOVOICE_PASSWORD", "p",
                "SESSIONSYNC_EVOVOICE_ACCOUNT_IDS", "acc-1", "SESSIONSYNC_EVOVOICE_INITIAL_LOOKBACK", "90m"));
        s.validate();
        assertThat(EvoVoiceSettings.from(s).initialLookback()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void a_value_the_declaration_refuses_is_refused_by_the_connector_with_the_declared_message() {
        Settings s = settings(Map.of("SESSIONSYNC_TWILIO_ACCOUNT_SID", ACCOUNT, "SESSIONSYNC_TWILIO_AUTH_TOKEN", "t",
                "SESSIONSYNC_TWILIO_SERVICE_SIDS", SERVICE, "SESSIONSYNC_TWILIO_PAGE_SIZE", "1001"));
        assertThatThrownBy(() -> TwilioSettings.from(s)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("sessionsync.twilio.page-size").hasMessageContaining(Settings.TWILIO_PAGE_SIZE.expectation());
        Settings evo = settings(Map.of("SESSIONSYNC_EVOVOICE_USERNAME", "u", "SESSIONSYNC_EVOVOICE_PASSWORD", "p",
                "SESSIONSYNC_EVOVOICE_ACCOUNT_IDS", "acc-1", "SESSIONSYNC_EVOVOICE_INITIAL_LOOKBACK", "a week"));
        assertThatThrownBy(() -> EvoVoiceSettings.from(evo)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("sessionsync.evovoice.initial-lookback");
    }
}
