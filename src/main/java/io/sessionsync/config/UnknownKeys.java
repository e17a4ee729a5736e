package io.sessionsync.config;

import org.apache.commons.text.similarity.LevenshteinDistance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings that look like ours but are not declared: a misspelled {@code page-sise} would otherwise be
 * ignored in silence, and the default used. Each gets a warning naming the key and the nearest declared one.
 */
public final class UnknownKeys {
    /** Environment variables with our prefix that are not settings: log4j2.xml reads them. */
    private static final Set<String> OTHER_ENV = Set.of("SESSIONSYNC_LOG_LEVEL", "SESSIONSYNC_ROOT_LOG_LEVEL");

    private UnknownKeys() {}

    /** One warning per unknown {@code sessionsync.*} property key and {@code SESSIONSYNC_*} environment variable. */
    public static List<String> warnings(Collection<String> propertyKeys, Collection<String> envNames) {
        List<String> out = new ArrayList<>();
        List<String> keys = Settings.declared().stream().map(Setting::key).toList();
        List<String> envs = Settings.declared().stream().map(Setting::envName).toList();
        for (String k : new TreeSet<>(propertyKeys)) {
            if (k.startsWith("sessionsync.") && !keys.contains(k)) {
                out.add("unknown setting " + k + " is ignored; did you mean " + nearest(k, keys) + "?");
            }
        }
        for (String e : new TreeSet<>(envNames)) {
            if (e.startsWith("SESSIONSYNC_") && !envs.contains(e) && !OTHER_ENV.contains(e)) {
                out.add("unknown environment variable " + e + " is ignored; did you mean " + nearest(e, envs) + "?");
            }
        }
        return out;
    }

    static String nearest(String wrong, List<String> known) {
        return known.stream().min(Comparator.comparingInt(k -> LevenshteinDistance.getDefaultInstance().apply(wrong, k))).orElse("?");
    }

}
