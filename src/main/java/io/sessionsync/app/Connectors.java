package io.sessionsync.app;

import io.sessionsync.config.Settings;
import io.sessionsync.config.SettingsException;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.mapping.SourceMapping;
import io.sessionsync.mapping.TargetMapping;
import io.sessionsync.delivery.SessionTarget;
import io.sessionsync.pipeline.RecordEnricher;
import io.sessionsync.pipeline.RoutedSource;
import io.sessionsync.pipeline.SourceAdapter;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.salesforce.SalesforceBudget;
import io.sessionsync.salesforce.SalesforceComponentFactory;
import io.sessionsync.salesforce.SalesforceLogin;
import io.sessionsync.salesforce.SalesforceSettings;
import io.sessionsync.source.evovoice.EvoVoicePages;
import io.sessionsync.source.evovoice.EvoVoiceSettings;
import io.sessionsync.source.evovoice.EvoVoiceSource;
import io.sessionsync.source.salesforce.SalesforcePolling;
import io.sessionsync.source.salesforce.SalesforceSource;
import io.sessionsync.source.twilio.TwilioProxyPages;
import io.sessionsync.source.twilio.TwilioProxySource;
import io.sessionsync.source.twilio.TwilioSettings;
import io.sessionsync.target.salesforce.SalesforceTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * Builds the enabled sources and targets from the settings. Each connector's own settings are
 * checked here, at start-up, with the setting's name in the error.
 */
final class Connectors {
    private final Settings settings;
    private final CamelContext ctx;
    private final MappingRegistry mappings;
    private final ProducerTemplate template;
    /** Shared by the Salesforce source and target: both spend the same daily API budget. */
    private final SalesforceBudget budget = new SalesforceBudget();
    private final ConnectorRoutes routes = new ConnectorRoutes();
    private final List<RecordEnricher> enrichers = new ArrayList<>();

    Connectors(Settings settings, CamelContext ctx, MappingRegistry mappings) {
        this.settings = settings;
        this.ctx = ctx;
        this.mappings = mappings;
        this.template = ctx.createProducerTemplate();
    }

    SalesforceBudget salesforceBudget() {
        return budget;
    }

    /** What the enabled sources' route files need: their beans, computed properties and the files themselves. */
    ConnectorRoutes connectorRoutes() {
        return routes;
    }

    /** Sources that add to a changed record before it is mapped (Twilio Proxy: its Participants). */
    List<RecordEnricher> enrichers() {
        return List.copyOf(enrichers);
    }

    List<SourceAdapter> sources(RetryPolicy retry) {
        List<SourceAdapter> out = new ArrayList<>();
        if (settings.getBoolean(Settings.TWILIO_ENABLED)) {
            settings.require(Settings.TWILIO_SERVICE_SIDS, "The Twilio Proxy source");
            TwilioSettings twilio = checked(() -> TwilioSettings.from(settings));
            TwilioProxySource fetcher = new TwilioProxySource(twilio, template, retry);
            if (settings.getBoolean(Settings.TWILIO_PARTICIPANTS)) enrichers.add(fetcher);
            routes.add(TwilioProxySource.NAME)
                    .bean("twilioProxyPages", new TwilioProxyPages(twilio))
                    .bean("twilioServiceReaders", ctx.getExecutorServiceManager().newFixedThreadPool(this, "twilio-proxy-services",
                            settings.getInt(Settings.TWILIO_PARALLEL_SERVICES)))
                    .property("sessionsync.twilio.api-uri", TwilioProxyPages.endpointUri(twilio));
            out.add(new RoutedSource(TwilioProxySource.NAME, fetcher, template));
        }
        if (settings.getBoolean(Settings.EVO_ENABLED)) {
            EvoVoiceSettings evo = checked(() -> EvoVoiceSettings.from(settings));
            routes.add(EvoVoiceSource.NAME)
                    .bean("evoVoicePages", new EvoVoicePages(evo, Clock.systemUTC()))
                    .property("sessionsync.evovoice.api-uri", EvoVoicePages.endpointUri(evo));
            out.add(new RoutedSource(EvoVoiceSource.NAME, new EvoVoiceSource(evo, template, retry), template));
        }
        if (settings.getBoolean(Settings.SF_SOURCE_ENABLED)) {
            registerSalesforce();
            Map<String, Set<String>> fields = new LinkedHashMap<>();
            for (String object : SalesforceSource.DEFAULT_OBJECTS) {
                SourceMapping m = mappings.source(SalesforceSource.NAME, object).orElseThrow(() -> new SettingsException(
                        "The Salesforce source needs a mapping file for " + object + " (source: salesforce, object: " + object + ")"));
                fields.put(object, new LinkedHashSet<>(m.readFields()));
            }
            SalesforceSource.Options options = SalesforceSource.Options.from(settings);
            String loginUrl = settings.get(Settings.SF_LOGIN_URL);
            // A run's login is a route step, retried by the route: one attempt per step.
            SalesforcePolling polling = new SalesforcePolling(fields, budget, options, SalesforceSource.Bulk.from(settings),
                    new SalesforceLogin(ctx, loginUrl, RetryPolicy.once()::call));
            ConnectorRoutes.Source file = routes.add(SalesforceSource.NAME);
            polling.beans().forEach(file::bean);
            SalesforceSource fetcher = new SalesforceSource(template, fields, budget, options,
                    new SalesforceLogin(ctx, loginUrl, retry::call), retry);
            out.add(new RoutedSource(SalesforceSource.NAME, fetcher, template));
        }
        return out;
    }

    List<SessionTarget> targets() {
        List<SessionTarget> out = new ArrayList<>();
        if (settings.getBoolean(Settings.SF_TARGET_ENABLED)) {
            registerSalesforce();
            TargetMapping mapping = mappings.target("salesforce", SalesforceTarget.OBJECT).orElseThrow(() ->
                    new SettingsException("The Salesforce target needs a target mapping file (target: salesforce, object: "
                            + SalesforceTarget.OBJECT + ")"));
            // One login attempt per write: the delivery retries the whole write under the retry policy.
            SalesforceTarget target = new SalesforceTarget(template, mapping::map, Set.copyOf(settings.getList(Settings.SF_TARGET_SOURCES)),
                    budget, settings.getInt(Settings.SF_TARGET_BATCH_SIZE),
                    new SalesforceLogin(ctx, settings.get(Settings.SF_LOGIN_URL), RetryPolicy.once()::call));
            routes.add("target " + SalesforceTarget.NAME, SalesforceTarget.ROUTES).bean("salesforceTarget", target);
            out.add(target);
        }
        return out;
    }

    private void registerSalesforce() {
        if (ctx.hasComponent(SalesforceComponentFactory.COMPONENT) != null) return;
        SalesforceSettings sf = checked(() -> SalesforceSettings.from(settings));
        SalesforceComponentFactory.register(ctx, sf);
    }

    /** A connector's settings record rejects a bad value with IllegalArgumentException: make it a settings error. */
    private static <T> T checked(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage());
        }
    }
}
