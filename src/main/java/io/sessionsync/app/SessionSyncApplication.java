package io.sessionsync.app;

import io.sessionsync.config.SettingOrigins;
import io.sessionsync.config.Settings;
import io.sessionsync.config.UnknownKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.main.Main;

/**
 * Builds the Camel Main that runs session-sync: YAML routes from {@code routes/}, settings from
 * {@code config/application.properties} (plus {@code config/sandbox.properties} in sandbox mode, plus
 * an operator's own file), beans from {@link SessionSyncConfiguration}.
 */
public final class SessionSyncApplication {

    /** Routes of the long-running service: schedules, webhooks, the admin API. */
    public static final String ALL_ROUTES = "classpath:routes/*.yaml";
    /**
     * Routes of a one-off CLI command: the run, the pipeline and deliveries; no HTTP server, and the
     * sources' schedules stay off. Deliveries flow while the command runs, and it drains the rest. The
     * retry configuration and the enabled connectors' own files are added by SessionSyncConfiguration
     * (ConnectorRoutes).
     */
    public static final String ONE_OFF_ROUTES = "classpath:routes/sync.yaml,classpath:routes/pipeline.yaml,classpath:routes/delivery.yaml";

    private SessionSyncApplication() {}

    /**
     * @param sandbox    also read {@code config/sandbox.properties}: simulators, embedded store
     * @param configFile an operator's properties file read last (may be null)
     * @param routes     which route files to load
     * @param overrides  properties that win over every file (the CLI's own switches)
     */
    public static Main create(boolean sandbox, String configFile, String routes, Map<String, String> overrides) {
        Main main = new Main();
        // Camel takes a property from the first location that has it: the most specific file goes first.
        StringBuilder locations = new StringBuilder();
        if (configFile != null) locations.append("file:").append(configFile).append(',');
        if (sandbox) locations.append("classpath:config/sandbox.properties,");
        locations.append("classpath:config/application.properties");
        main.setPropertyPlaceholderLocations(locations.toString());
        main.configure().withRoutesIncludePattern(routes);
        main.configure().withRoutesExcludePattern(ConnectorRoutes.LOADED_HERE);
        main.configure().addConfiguration(SessionSyncConfiguration.class);
        ServerSettings.camelOverrides(sandbox, configFile, overrides).forEach(main::addOverrideProperty);
        overrides.forEach(main::addOverrideProperty);
        if (!ALL_ROUTES.equals(routes)) {
            main.addOverrideProperty("camel.server.enabled", "false");
            main.addOverrideProperty("camel.management.enabled", "false");  // health/metrics: the service's only
            main.addOverrideProperty(Settings.SCHEDULES_ENABLED.key(), "false");
        }
        return main;
    }

    /**
     * The settings as {@link #create} reads them (same files, same precedence, environment winning),
     * without starting Camel: for commands such as {@code mappings check} that only need to know
     * what is enabled.
     */
    public static Settings settings(boolean sandbox, String configFile) {
        Properties p = new Properties();
        // Least specific first: each later file overrides the one before, as Camel's first-found rule does.
        for (SettingOrigins.Layer layer : layers(sandbox, configFile)) p.putAll(layer.values());
        Settings settings = Settings.from(p, System.getenv());
        // In the sandbox the simulators supply the sources' URLs and credentials when they start.
        return settings.getBoolean(Settings.SANDBOX_ENABLED) ? settings.validate() : SettingsCheck.verify(settings);
    }

    /** Each setting's value and where it came from (default, file, environment), secrets masked: for {@code config}. */
    public static List<SettingOrigins.Effective> effectiveSettings(boolean sandbox, String configFile) {
        return SettingOrigins.of(layers(sandbox, configFile), System.getenv());
    }

    /**
     * One warning per {@code sessionsync.*} key in the files, or {@code SESSIONSYNC_*} environment variable,
     * that is not a setting ({@link UnknownKeys}): for commands that read the settings without starting the
     * app, which logs the same warnings when it starts.
     */
    public static List<String> unknownSettings(boolean sandbox, String configFile) {
        List<String> keys = new ArrayList<>();
        for (SettingOrigins.Layer layer : layers(sandbox, configFile)) keys.addAll(layer.values().stringPropertyNames());
        return UnknownKeys.warnings(keys, System.getenv().keySet());
    }

    /** What is wrong with these settings, every problem at once (empty when none): for {@code config}. */
    public static List<String> settingsProblems(boolean sandbox, String configFile) {
        Properties p = new Properties();
        for (SettingOrigins.Layer layer : layers(sandbox, configFile)) p.putAll(layer.values());
        Settings settings = Settings.from(p, System.getenv());
        List<String> out = new ArrayList<>(unknownSettings(sandbox, configFile).stream().map(w -> "warning: " + w).toList());
        List<String> problems = settings.getBoolean(Settings.SANDBOX_ENABLED) ? settings.problems() : SettingsCheck.problems(settings);
        problems.forEach(pr -> out.add("invalid: " + pr));
        return out;
    }

    /** The files {@link #create} reads, least specific first. */
    private static List<SettingOrigins.Layer> layers(boolean sandbox, String configFile) {
        List<SettingOrigins.Layer> layers = new ArrayList<>();
        layers.add(new SettingOrigins.Layer("file classpath:config/application.properties",
                loadClasspath("config/application.properties"), true));
        if (sandbox) layers.add(new SettingOrigins.Layer("file classpath:config/sandbox.properties (--sandbox)",
                loadClasspath("config/sandbox.properties"), false));
        if (configFile != null) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(configFile))) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + configFile, e);
            }
            layers.add(new SettingOrigins.Layer("file " + configFile + " (--config)", p, false));
        }
        return layers;
    }

    private static Properties loadClasspath(String resource) {
        Properties p = new Properties();
        try (InputStream in = SessionSyncApplication.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + resource, e);
        }
    }
}
