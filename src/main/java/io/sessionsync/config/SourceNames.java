package io.sessionsync.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source names an operator may type ({@code sync twilio-proxy}, {@code --source evovoice},
 * {@code ?source=salesforce}) and the setting that switches each on. Checked up front everywhere, so a
 * typo is refused with this list instead of matching nothing.
 */
public final class SourceNames {
    private static final Map<String, Setting> ENABLED_BY = new LinkedHashMap<>();

    static {
        ENABLED_BY.put("twilio-proxy", Settings.TWILIO_ENABLED);
        ENABLED_BY.put("evovoice", Settings.EVO_ENABLED);
        ENABLED_BY.put("salesforce", Settings.SF_SOURCE_ENABLED);
    }

    private SourceNames() {}

    public static List<String> all() {
        return List.copyOf(ENABLED_BY.keySet());
    }

    public static boolean known(String name) {
        return ENABLED_BY.containsKey(name);
    }

    /** "twilio-proxy, evovoice, salesforce": for error messages. */
    public static String listed() {
        return String.join(", ", ENABLED_BY.keySet());
    }

    /** The setting that switches a known source on. */
    public static Setting enabledBy(String name) {
        Setting s = ENABLED_BY.get(name);
        if (s == null) throw new IllegalArgumentException("unknown source " + name);
        return s;
    }

    /** The sources these settings switch on, in declaration order. */
    public static List<String> enabled(Settings settings) {
        return ENABLED_BY.entrySet().stream().filter(e -> settings.getBoolean(e.getValue())).map(Map.Entry::getKey).toList();
    }

    /** "sessionsync.twilio.enabled, sessionsync.evovoice.enabled, ...": what to set when none is on. */
    public static String enablingKeys() {
        return String.join(", ", ENABLED_BY.values().stream().map(Setting::key).toList());
    }
}
