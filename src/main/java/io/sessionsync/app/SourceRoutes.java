package io.sessionsync.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The route files of the enabled sources ({@code routes/source-<name>.yaml}), with the beans and the
 * computed properties (endpoint URIs built from validated settings) they refer to. Only enabled
 * sources' files are loaded: a disabled source has no beans for its steps to call.
 */
final class SourceRoutes {
    /**
     * The source route files, left out of Camel Main's own pattern: {@link #load} adds the enabled ones. An
     * Ant pattern on any location: Main matches it against where the file was found (inside the jar, or a
     * directory), never against a {@code classpath:} spelling, which excluded nothing (a disabled source's
     * file was loaded without its beans, an enabled one's twice).
     */
    static final String FILES = "**/routes/source-*.yaml";

    private final List<Source> sources = new ArrayList<>();

    /** A source whose route file is to be loaded. */
    Source add(String name) {
        Source s = new Source(name);
        sources.add(s);
        return s;
    }

    /**
     * Binds every source's beans and properties, then reads the route files and binds their route builders
     * for Camel Main to add with its own files. Added here, at once, the routes would come before
     * routes/retry.yaml's route configuration exists, and `routeConfigurationId: retried` would find
     * nothing (no retry at all); Main adds every file's route configurations first, then the routes.
     */
    void load(CamelContext ctx) throws Exception {
        for (Source s : sources) {
            s.beans.forEach(ctx.getRegistry()::bind);
            s.properties.forEach(ctx.getPropertiesComponent()::addOverrideProperty);
        }
        for (Source s : sources) {
            int n = 0;
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(ctx).findRoutesBuilders(
                    ResourceHelper.resolveMandatoryResource(ctx, s.file()))) {
                ctx.getRegistry().bind("routes-source-" + s.name + "-" + n++, builder);
            }
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
