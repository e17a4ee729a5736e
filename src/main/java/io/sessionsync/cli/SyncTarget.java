package io.sessionsync.cli;

import io.sessionsync.config.Settings;
import io.sessionsync.config.SourceNames;
import java.util.List;

/** What {@code sync SOURCE} may name: a known, enabled source, or {@code all} with at least one enabled. */
final class SyncTarget {
    static final String ALL = "all";

    private SyncTarget() {}

    /** Why {@code source} cannot be synced with these settings; null when it can. */
    static String problem(String source, Settings settings) {
        List<String> enabled = SourceNames.enabled(settings);
        if (ALL.equals(source)) {
            return enabled.isEmpty()
                    ? "no source is enabled, so there is nothing to sync: set one of " + SourceNames.enablingKeys() + " to true"
                    : null;
        }
        if (!SourceNames.known(source)) {
            boolean plain = source.length() <= 40 && source.chars().allMatch(c -> c > 0x20 && c < 0x7f);
            return "unknown source" + (plain ? " '" + source + "'" : "") + "; valid sources: " + SourceNames.listed() + ", or all";
        }
        if (!enabled.contains(source)) {
            return "source " + source + " is not enabled: set " + SourceNames.enabledBy(source).key() + " = true (env "
                    + SourceNames.enabledBy(source).envName() + "); enabled now: " + (enabled.isEmpty() ? "none" : String.join(", ", enabled));
        }
        return null;
    }
}
