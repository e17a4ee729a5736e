package io.sessionsync.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where each setting's value comes from, by the precedence {@link Settings#from} applies: an
 * environment variable, then a system property, then the most specific file that has the key, else the
 * declared default. The built-in {@code application.properties} documents every default, so a value
 * found only there, and equal to the default, is reported as the default.
 */
public final class SettingOrigins {

    /** One properties file as read: {@code origin} names it for an operator ({@code file ./my.properties}). */
    public record Layer(String origin, Properties values, boolean builtIn) {}

    /** A setting's effective value, masked when secret, and where it came from. */
    public record Effective(String key, String value, String origin, boolean secret) {}

    private SettingOrigins() {}

    /**
     * @param layers least specific first; later layers win
     */
    public static List<Effective> of(List<Layer> layers, Map<String, String> env) {
        Properties merged = new Properties();
        for (Layer l : layers) merged.putAll(l.values());
        Settings settings = Settings.from(merged, env);
        List<Effective> out = new ArrayList<>();
        for (Setting s : Settings.declared()) {
            String value = settings.get(s);
            out.add(new Effective(s.key(), shown(s, value), origin(s, layers, env), s.secret()));
        }
        return out;
    }

    private static String origin(Setting s, List<Layer> layers, Map<String, String> env) {
        if (env.get(s.envName()) != null) return "environment " + s.envName();
        if (System.getProperty(s.key()) != null) return "system property -D" + s.key();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            String v = l.values().getProperty(s.key());
            if (v == null) continue;
            if (l.builtIn() && v.trim().equals(s.defaultValue())) return "default";
            return l.origin();
        }
        return "default";
    }

    /** A secret shows only whether it is set. */
    private static String shown(Setting s, String value) {
        if (!s.secret()) return value;
        return value.isEmpty() ? "(not set)" : "****";
    }
}
