package io.sessionsync.http;

import io.sessionsync.config.SettingsException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.PropertiesComponent;

/**
 * session-sync's HTTP faces on Camel's platform-http (Vert.x): the public port
 * ({@code camel.server.port}) with the webhooks, and the management face (the admin API under
 * {@code /ops}, Camel's health and metrics under {@code /observe}) on the same port, or on a port and
 * address of its own ({@code sessionsync.management.port/host}). Each face gets a
 * {@link PortBoundEngine}, which puts its gates ({@link WebhookGate}, {@link OpsGate}) in front of its
 * routes on the Vert.x router before the first of them is served.
 */
public final class HttpServers {
    /** The engine the admin API's routes name ({@code platformHttpEngine=#managementHttpEngine}). */
    public static final String MANAGEMENT_ENGINE = "managementHttpEngine";
    /** Camel's name for the default engine, which the public routes (webhooks) use. */
    static final String DEFAULT_ENGINE = "platform-http-engine";
    /** Gates run before Camel's own route on the same path, whose order starts at 0. */
    private static final int GATE_ORDER = -100;

    private final Map<String, String> webhookSignatureHeaders = new LinkedHashMap<>();
    private final Semaphore webhookPermits;
    private final long webhookMaxBodyBytes;
    private final OpsGate opsGate;

    private HttpServers(int maxConcurrentWebhooks, long webhookMaxBodyBytes, OpsGate opsGate) {
        this.webhookPermits = new Semaphore(maxConcurrentWebhooks);
        this.webhookMaxBodyBytes = webhookMaxBodyBytes;
        this.opsGate = opsGate;
    }

    /** The service's limits and addresses, from the settings. */
    public record Options(String managementPort, int maxConcurrentWebhooks, long webhookMaxBodyBytes) {}

    /**
     * Binds the two engines, before the routes load. Camel's servers themselves are set up from
     * {@code camel.server.*} and {@code camel.management.*}, which SessionSyncApplication derives from
     * our settings. Does nothing when the HTTP server is off (one-off CLI commands).
     */
    public static HttpServers configure(CamelContext ctx, Options options, OpsGate opsGate) {
        PropertiesComponent pc = ctx.getPropertiesComponent();
        if (!Boolean.parseBoolean(pc.resolveProperty("camel.server.enabled").orElse("false"))) return null;
        int publicPort = Integer.parseInt(pc.resolveProperty("camel.server.port").orElse("8080").trim());
        int managementPort = publicPort;
        if (!options.managementPort().isBlank()) {
            managementPort = Integer.parseInt(options.managementPort());
            if (managementPort == publicPort) {
                throw new SettingsException("sessionsync.management.port must differ from camel.server.port ("
                        + publicPort + "), or be empty to share it");
            }
        }
        String host = pc.resolveProperty("camel.server.host").orElse("0.0.0.0").trim();
        requireFree(host, publicPort, "camel.server.port");
        if (managementPort != publicPort) {
            requireFree(pc.resolveProperty("camel.management.host").orElse("0.0.0.0").trim(), managementPort, "sessionsync.management.port");
        }
        HttpServers servers = new HttpServers(options.maxConcurrentWebhooks(),
                options.webhookMaxBodyBytes(), opsGate);
        ctx.getRegistry().bind(DEFAULT_ENGINE, new PortBoundEngine(publicPort, servers::gateWebhooks));
        ctx.getRegistry().bind(MANAGEMENT_ENGINE, new PortBoundEngine(managementPort, servers::gateOps));
        return servers;
    }

    /**
     * Stops start-up when a port cannot be bound. Camel's Vert.x server only logs a failed bind and the
     * service would run on with no webhooks, admin API or health; a probe bind here, before the routes
     * load, turns that into one clear line and exit code 1.
     */
    static void requireFree(String host, int port, String setting) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new PortUnavailableException("The HTTP port " + port + " (" + setting + ") on " + host + " cannot be bound: "
                    + (e instanceof BindException ? "port " + port + " is already in use" : e.getMessage())
                    + "; stop what holds it or choose another port");
        }
    }

    /** Guards the webhook route at {@code path}: requests without {@code signatureHeader} never have their body read. */
    public HttpServers webhook(String path, String signatureHeader) {
        webhookSignatureHeaders.put(path, signatureHeader);
        return this;
    }

    /** Each webhook route behind its {@link WebhookGate}. */
    private void gateWebhooks(VertxPlatformHttpRouter router) {
        webhookSignatureHeaders.forEach((path, header) -> router.route(path).order(GATE_ORDER)
                .handler(new WebhookGate(webhookPermits, webhookMaxBodyBytes, header)));
    }

    /** The admin API behind {@link OpsGate}. */
    private void gateOps(VertxPlatformHttpRouter router) {
        router.route("/ops/*").order(GATE_ORDER).handler(opsGate);
    }
}
