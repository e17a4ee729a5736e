package io.sessionsync.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The route files of the enabled connectors ({@code routes/source-<name>.yaml}, {@code routes/target-<name>.yaml}),
 * with the beans and the computed properties (endpoint URIs built from validated settings) they refer
 * to. Only enabled connectors' files are loaded: a disabled one has no beans for its steps to call.
 */
final class ConnectorRoutes {
    /** The connectors' route files: {@link #load} adds the enabled ones. */
    static final String FILES = "classpath:routes/source-*.yaml,classpath:routes/target-*.yaml";
    /**
     * The retry configuration ({@code retried}): a route gets the route configurations known when it is
     * loaded, and the connectors' files are loaded here, before Camel Main loads its own; so {@link #load}
     * loads it first, for the connectors' routes and every later route.
     */
    static final String RETRY = "classpath:routes/retry.yaml";
    /**
     * Camel Main's exclude patterns for the files {@link #load} loads itself. A wildcard include finds
     * them at file or jar locations ({@code file:/.../session-sync.jar!/routes/retry.yaml}), not at
     * {@code classpath:} ones, hence the {@code **} forms.
     */
    static final String LOADED_HERE = FILES + ",**/routes/source-*.yaml,**/routes/target-*.yaml," + RETRY + ",**/routes/retry.yaml";

    private final List<Source> sources = new ArrayList<>();

    /** A source whose route file is to be loaded. */
    Source add(String name) {
        return add(name, "classpath:routes/source-" + name + ".yaml");
    }

    /** A connector whose route file {@code file} is to be loaded. */
    Source add(String name, String file) {
        Source s = new Source(name, file);
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
        private final String file;
        private final Map<String, Object> beans = new LinkedHashMap<>();
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Source(String name, String file) {
            this.name = name;
            this.file = file;
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
            return file;
        }

        @Override
        public String toString() {
            return name + " (" + file + ")";
        }
    }
}
