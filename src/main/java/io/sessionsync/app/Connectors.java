package io.sessionsync.app;

import io.sessionsync.config.Settings;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.pipeline.SessionTarget;
import io.sessionsync.pipeline.SourceAdapter;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.source.evovoice.EvoVoiceSettings;
import io.sessionsync.source.evovoice.EvoVoiceSource;
import io.sessionsync.source.twilio.TwilioProxySource;
import io.sessionsync.source.twilio.TwilioSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/** Builds the enabled sources and targets from the settings; a source's own settings are checked here. */
final class Connectors {
    private Connectors() {}

    static List<SourceAdapter> sources(Settings settings, CamelContext ctx, RetryPolicy retry, MappingRegistry mappings) {
        ProducerTemplate template = ctx.createProducerTemplate();
        List<SourceAdapter> out = new ArrayList<>();
        if (settings.getBoolean(Settings.TWILIO_ENABLED)) {
            settings.require(Settings.TWILIO_SERVICE_SIDS, "The Twilio Proxy source");
            out.add(new TwilioProxySource(TwilioSettings.from(settings.asLookup()), template, retry));
        }
        if (settings.getBoolean(Settings.EVO_ENABLED)) {
            out.add(new EvoVoiceSource(EvoVoiceSettings.from(settings.asLookup()), template, retry, Clock.systemUTC()));
        }
        return out;
    }

    static List<SessionTarget> targets(Settings settings, CamelContext ctx, RetryPolicy retry, MappingRegistry mappings) {
        return List.of();
    }
}
