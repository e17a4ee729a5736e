package io.sessionsync.app;

import io.sessionsync.config.Settings;
import io.sessionsync.mapping.RequiredMapping;
import io.sessionsync.source.evovoice.EvoVoiceSource;
import io.sessionsync.source.salesforce.SalesforceSource;
import io.sessionsync.source.twilio.TwilioProxySource;
import io.sessionsync.target.salesforce.SalesforceTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * The mapping files the enabled sources and targets need, so that start-up and {@code mappings check}
 * refuse a missing one up front (a source without its mapping would dead-letter every record).
 */
public final class EnabledMappings {
    private EnabledMappings() {}

    public static List<RequiredMapping> of(Settings settings) {
        List<RequiredMapping> out = new ArrayList<>();
        if (settings.getBoolean(Settings.TWILIO_ENABLED)) {
            out.add(RequiredMapping.source(TwilioProxySource.NAME, TwilioProxySource.OBJECT, Settings.TWILIO_ENABLED.key()));
        }
        if (settings.getBoolean(Settings.EVO_ENABLED)) {
            out.add(RequiredMapping.source(EvoVoiceSource.NAME, EvoVoiceSource.OBJECT, Settings.EVO_ENABLED.key()));
        }
        if (settings.getBoolean(Settings.SF_SOURCE_ENABLED)) {
            for (String object : SalesforceSource.DEFAULT_OBJECTS) {
                out.add(RequiredMapping.source(SalesforceSource.NAME, object, Settings.SF_SOURCE_ENABLED.key()));
            }
        }
        if (settings.getBoolean(Settings.SF_TARGET_ENABLED)) {
            out.add(RequiredMapping.target("salesforce", SalesforceTarget.OBJECT, Settings.SF_TARGET_ENABLED.key()));
        }
        return out;
    }
}
