package io.sessionsync.app;

import io.sessionsync.config.Setting;
import io.sessionsync.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Turns our settings of the HTTP servers into Camel's own {@code camel.server.*} and
 * {@code camel.management.*} values. Camel Main applies those before any bean of ours exists, and
 * override properties added later are not seen, so these settings are read here, when the Main is
 * built, from the same files and environment Camel will read (the most specific first).
 */
final class ServerSettings {
    private ServerSettings() {}

    static Map<String, String> camelOverrides(boolean sandbox, String configFile, Map<String, String> overrides) {
        Properties merged = new Properties();
        // Least specific first, so that a more specific file replaces its values.
        load(merged, "config/application.properties");
        if (sandbox) load(merged, "config/sandbox.properties");
        if (configFile != null) {
            try (Reader r = Files.newBufferedReader(Path.of(configFile))) {
                merged.load(r);
            } catch (IOException e) {
                // Camel reports an unreadable --config file itself, naming it.
                return Map.of();
            }
        }
        merged.putAll(overrides);
        Settings settings = Settings.from(merged, System.getenv());
        Map<String, String> camel = new HashMap<>();
        // One port for every route, decided once here the way every setting is: the program's own
        // overrides, then the environment (CAMEL_SERVER_PORT), then the files. Camel's server and our
        // engines (HttpServers) both read this one value.
        String serverPort = overrides.containsKey("camel.server.port") ? overrides.get("camel.server.port")
                : System.getenv().getOrDefault("CAMEL_SERVER_PORT", merged.getProperty("camel.server.port"));
        if (serverPort != null && !serverPort.isBlank()) camel.put("camel.server.port", serverPort.trim());
        // Camel's body reader is one per server: the webhook cap also stops a chunked body (413).
        camel.put("camel.server.max-body-size", valid(settings, Settings.WEBHOOK_MAX_BODY_BYTES));
        String port = valid(settings, Settings.MANAGEMENT_PORT);
        if (port != null && !port.isBlank()) {
            camel.put("camel.management.port", port);
            camel.put("camel.management.host", valid(settings, Settings.MANAGEMENT_HOST));
        }
        camel.values().removeIf(v -> v == null);
        return camel;
    }

    /** The value when it passes its check; null otherwise (start-up validation then names it). */
    private static String valid(Settings settings, Setting s) {
        String v = settings.get(s);
        return s.check().test(v) ? v : null;
    }

    private static void load(Properties into, String resource) {
        try (InputStream in = ServerSettings.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) into.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
