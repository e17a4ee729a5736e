package io.sessionsync.app;

import io.sessionsync.config.Setting;
import io.sessionsync.config.Settings;
import io.sessionsync.salesforce.SalesforceSettings;
import io.sessionsync.source.evovoice.EvoVoiceSettings;
import io.sessionsync.source.twilio.TwilioSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every setting problem at once, before the store is opened or a connector built: the values' own
 * checks, then what each enabled source and target cannot run without, then each connector's own
 * checks (SID shapes, URLs). Found one per start, configuring a real {@code sync all} took seven rounds.
 */
final class SettingsCheck {
    private final Settings settings;
    private final List<String> problems = new ArrayList<>();

    private SettingsCheck(Settings settings) {
        this.settings = settings;
    }

    /** Throws one {@link io.sessionsync.config.SettingsException} listing every problem; returns the settings when none. */
    static Settings verify(Settings settings) {
        List<String> problems = problems(settings);
        if (!problems.isEmpty()) throw Settings.invalid(problems);
        return settings;
    }

    static List<String> problems(Settings settings) {
        SettingsCheck c = new SettingsCheck(settings);
        c.problems.addAll(settings.problems());
        c.twilio();
        c.evoVoice();
        c.salesforce();
        return c.problems;
    }

    private void twilio() {
        if (!settings.getBoolean(Settings.TWILIO_ENABLED)) return;
        String feature = "the Twilio Proxy source (" + Settings.TWILIO_ENABLED.key() + " = true)";
        int before = problems.size();
        needs(Settings.TWILIO_SERVICE_SIDS, feature);
        boolean apiKey = set(Settings.TWILIO_API_KEY_SID) || set(Settings.TWILIO_API_KEY_SECRET);
        if (apiKey) {
            needs(Settings.TWILIO_API_KEY_SID, feature + " with an API key");
            needs(Settings.TWILIO_API_KEY_SECRET, feature + " with an API key");
        } else {
            needs(Settings.TWILIO_ACCOUNT_SID, feature + " (or an API key: api-key-sid and api-key-secret)");
            needs(Settings.TWILIO_AUTH_TOKEN, feature + " (or an API key: api-key-sid and api-key-secret)");
        }
        if (problems.size() == before) connector(() -> TwilioSettings.from(settings));
    }

    private void evoVoice() {
        if (!settings.getBoolean(Settings.EVO_ENABLED)) return;
        String feature = "the Evo Voice source (" + Settings.EVO_ENABLED.key() + " = true)";
        int before = problems.size();
        needs(Settings.EVO_ACCOUNT_IDS, feature);
        if ("BEARER".equalsIgnoreCase(settings.get(Settings.EVO_AUTH))) {
            needs(Settings.EVO_BEARER_TOKEN, feature + " with auth = BEARER");
        } else {
            needs(Settings.EVO_USERNAME, feature + " with auth = BASIC");
            needs(Settings.EVO_PASSWORD, feature + " with auth = BASIC");
        }
        if (problems.size() == before) connector(() -> EvoVoiceSettings.from(settings));
    }

    private void salesforce() {
        boolean source = settings.getBoolean(Settings.SF_SOURCE_ENABLED);
        boolean target = settings.getBoolean(Settings.SF_TARGET_ENABLED);
        if (!source && !target) return;
        String feature = "the Salesforce " + (source && target ? "source and target" : source ? "source" : "target")
                + " (" + (source ? Settings.SF_SOURCE_ENABLED.key() : Settings.SF_TARGET_ENABLED.key()) + " = true)";
        int before = problems.size();
        String auth = settings.get(Settings.SF_AUTH_TYPE);
        needs(Settings.SF_CLIENT_ID, feature);
        switch (auth) {
            case "JWT" -> {
                needs(Settings.SF_USERNAME, feature + " with auth-type = JWT");
                needs(Settings.SF_KEYSTORE, feature + " with auth-type = JWT");
                needs(Settings.SF_KEYSTORE_PASSWORD, feature + " with auth-type = JWT");
            }
            case "USERNAME_PASSWORD" -> {
                needs(Settings.SF_CLIENT_SECRET, feature);
                needs(Settings.SF_USERNAME, feature + " with auth-type = USERNAME_PASSWORD");
                needs(Settings.SF_PASSWORD, feature + " with auth-type = USERNAME_PASSWORD");
            }
            default -> needs(Settings.SF_CLIENT_SECRET, feature);
        }
        if (problems.size() == before && settings.problems().isEmpty()) connector(() -> SalesforceSettings.from(settings));
    }

    private boolean set(Setting s) {
        return !settings.get(s).isBlank();
    }

    private void needs(Setting s, String feature) {
        if (!set(s)) problems.add(s.key() + " (env " + s.envName() + ") is required by " + feature + ": " + s.doc());
    }

    /** A connector's settings record names the setting in its IllegalArgumentException; never a secret's value. */
    private void connector(Supplier<?> build) {
        try {
            build.get();
        } catch (IllegalArgumentException e) {
            if (!problems.contains(e.getMessage())) problems.add(e.getMessage());
        }
    }
}
