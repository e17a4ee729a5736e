package io.sessionsync.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The route files of the enabled sources ({@code routes/source-<name>.yaml}), with the beans and the
 * computed properties (endpoint URIs built from validated settings) they refer to. Only enabled
 * sources' files are loaded: a disabled source has no beans for its steps to call.
 */
final class SourceRoutes {
    /** The source route files, left out of Camel Main's own pattern: {@link #load} adds the enabled ones. */
    static final String FILES = "classpath:routes/source-*.yaml";
    /**
     * The retry configuration ({@code retried}), also left out of Camel Main's pattern: a route gets the
     * route configurations known when it is loaded, and the source files are loaded here, before Camel
     * Main loads its own; so {@link #load} loads it first, for the source routes and every later route.
     */
    static final String RETRY = "classpath:routes/retry.yaml";
    /**
     * Camel Main's exclude patterns for the files {@link #load} loads itself. A wildcard include finds
     * them at file or jar locations ({@code file:/.../session-sync.jar!/routes/retry.yaml}), not at
     * {@code classpath:} ones, hence the {@code **} forms.
     */
    static final String LOADED_HERE = FILES + ",**/routes/source-*.yaml," + RETRY + ",**/routes/retry.yaml";

    private final List<Source> sources = new ArrayList<>();

    /** A source whose route file is to be loaded. */
    Source add(String name) {
        Source s = new Source(name);
        sources.add(s);
        return s;
    }

    /** Binds every source's beans and properties, then loads the retry configuration and the route files. */
    void load(CamelContext ctx) throws Exception {
        for (Source s : sources) {
            s.beans.forEach(ctx.getRegistry()::bind);
            s.properties.forEach(ctx.getPropertiesComponent()::addOverrideProperty);
        }
        PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.resolveMandatoryResource(ctx, RETRY));
        for (Source s : sources) {
            PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.resolveMandatoryResource(ctx, s.file()));
        }
    }

    static final class Source {
        private final String name;
        private final Map<String, Object> beans = new LinkedHashMap<>();
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Source(String name) {
            this.name = name;
        }

        Source bean(String name, Object bean) {
            beans.put(name, bean);
            return this;
        }

        Source property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        String file() {
            return "classpath:routes/source-" + name + ".yaml";
        }
    }
}
