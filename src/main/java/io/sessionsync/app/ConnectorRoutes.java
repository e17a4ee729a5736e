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
    /**
     * The files left out of Camel Main's own pattern: {@link #load} adds the retry configuration, then the
     * enabled connectors' files. The configuration goes first: a route takes its route configuration
     * when it is added, and these are added before Camel Main adds its own files.
     */
    static final String FILES = "classpath:routes/retry.yaml,classpath:routes/source-*.yaml,classpath:routes/target-*.yaml";
    static final String RETRY = "classpath:routes/retry.yaml";

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

    /** Binds every source's beans and properties, then loads the route files. */
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
