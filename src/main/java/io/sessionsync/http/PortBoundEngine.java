package io.sessionsync.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * A platform-http engine that serves its routes on the Vert.x router of one given port, and puts its
 * gates on that router as its first route starts. Camel's own engine finds its port by
 * looking for the single Vert.x server in the registry; with a management server on a port of its
 * own there are two, it guesses 8080, and the routes answer 404 (PITFALLS). Naming the port removes
 * the guess: the public routes get one engine, the admin API another.
 */
public final class PortBoundEngine extends VertxPlatformHttpEngine {
    private final int port;
    private final Consumer<VertxPlatformHttpRouter> gates;
    private final AtomicBoolean gated = new AtomicBoolean();

    /** @param gates installs this engine's gates on its router (Vert.x routes ordered before Camel's) */
    public PortBoundEngine(int port, Consumer<VertxPlatformHttpRouter> gates) {
        this.port = port;
        this.gates = gates;
    }

    @Override
    public int getServerPort() {
        return port;
    }

    @Override
    protected void doInit() {
        // Camel's engine binds itself as "platform-http-engine" here; ours are bound by name on purpose
        // (HttpServers), and the admin API's engine must not take the public one's name.
    }

    /**
     * Each route's consumer puts this engine's gates on the router, once, as it starts: the router
     * exists by then (the consumer has just looked it up), and no route of this engine answers before.
     */
    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new GatedConsumer(endpoint, processor, getHandlers(), VertxPlatformHttpRouter.getRouterNameFromPort(port));
    }

    private final class GatedConsumer extends VertxPlatformHttpConsumer {
        private final String routerName;

        GatedConsumer(PlatformHttpEndpoint endpoint, Processor processor, List<Handler<RoutingContext>> handlers, String routerName) {
            super(endpoint, processor, handlers, routerName);
            this.routerName = routerName;
        }

        @Override
        protected void doStart() throws Exception {
            if (!gated.get()) {
                VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(getEndpoint().getCamelContext(), routerName);
                if (router == null) throw new IllegalStateException("No HTTP server on port " + port + " for " + getEndpoint().getPath());
                if (gated.compareAndSet(false, true)) gates.accept(router);
            }
            super.doStart();
        }
    }
}
