package io.sessionsync.app;

import io.sessionsync.config.Settings;
import io.sessionsync.sandbox.EvoSessionGenerator;
import io.sessionsync.sandbox.EvoVoiceSimulator;
import io.sessionsync.sandbox.ProxySessionGenerator;
import io.sessionsync.sandbox.PubSubSimulator;
import io.sessionsync.sandbox.SandboxChanges;
import io.sessionsync.sandbox.SalesforceSimulator;
import io.sessionsync.sandbox.TwilioProxySimulator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox: starts the simulators on loopback with fresh random credentials and hands back the
 * settings that point the sources at them. Only ever created when {@code sessionsync.sandbox.enabled}
 * is true, so no simulator is on the path of a real run.
 */
public final class SandboxSupport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxSupport.class);

    private final TwilioProxySimulator twilio;
    private final EvoVoiceSimulator evoVoice;
    private final SalesforceSimulator salesforce;
    private final PubSubSimulator pubSub;
    private final SandboxChanges changes;
    private final ProxySessionGenerator proxyData;
    private final EvoSessionGenerator evoData;
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private SandboxSupport(Settings settings) throws Exception {
        int count = settings.getInt(Settings.SANDBOX_SESSIONS);
        long seed = settings.getInt(Settings.SANDBOX_SEED);
        double broken = settings.getDouble(Settings.SANDBOX_BROKEN_SHARE);
        SecureRandom random = new SecureRandom();

        List<String> services = List.of(sid("KS", seed, 1), sid("KS", seed, 2));
        proxyData = new ProxySessionGenerator(seed, count, services, broken);
        String twilioToken = randomHex(random, 16);
        twilio = new TwilioProxySimulator(proxyData, proxyData.accountSid(), twilioToken, 0);
        overrides.put("sessionsync.twilio.base-url", twilio.baseUrl());
        overrides.put("sessionsync.twilio.account-sid", proxyData.accountSid());
        overrides.put("sessionsync.twilio.auth-token", twilioToken);
        overrides.put("sessionsync.twilio.api-key-sid", "");
        overrides.put("sessionsync.twilio.service-sids", String.join(",", services));

        // Pinned to the start of today: every sandbox process of the day serves the same sessions, so a
        // second run finds nothing changed.
        Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.DAYS), ZoneOffset.UTC);
        List<String> accounts = List.of("sandbox-account-1", "sandbox-account-2");
        evoData = new EvoSessionGenerator(seed, count, accounts, clock, Duration.ofDays(30), broken);
        String evoPassword = randomHex(random, 16);
        evoVoice = new EvoVoiceSimulator(evoData, clock, "sandbox", evoPassword);
        overrides.put("sessionsync.evovoice.base-url", evoVoice.baseUrl());
        overrides.put("sessionsync.evovoice.auth", "BASIC");
        overrides.put("sessionsync.evovoice.username", "sandbox");
        overrides.put("sessionsync.evovoice.password", evoPassword);
        overrides.put("sessionsync.evovoice.account-ids", String.join(",", accounts));
        overrides.put("sessionsync.evovoice.search-archive", "true");
        if (settings.get(Settings.EVO_WEBHOOK_SECRET).isBlank()) {
            overrides.put("sessionsync.evovoice.webhook-secret", randomHex(random, 16));
        }
        // Salesforce's three objects share the per-source count.
        salesforce = new SalesforceSimulator(Math.max(1, count / 3));
        overrides.put("sessionsync.salesforce.login-url", salesforce.url());
        overrides.put("sessionsync.salesforce.instance-url", "");
        overrides.put("sessionsync.salesforce.auth-type", "CLIENT_CREDENTIALS");
        overrides.put("sessionsync.salesforce.client-id", SalesforceSimulator.CLIENT_ID);
        overrides.put("sessionsync.salesforce.client-secret", SalesforceSimulator.CLIENT_SECRET);
        // Change events for every record change, on a plain-text gRPC server on loopback.
        pubSub = new PubSubSimulator(salesforce::tokenValid);
        salesforce.onChange(pubSub::publish);
        overrides.put("sessionsync.salesforce.subscribe.pubsub-host", pubSub.host());
        overrides.put("sessionsync.salesforce.subscribe.pubsub-port", Integer.toString(pubSub.port()));
        overrides.put("sessionsync.salesforce.subscribe.pubsub-plaintext", "true");
        changes = new SandboxChanges(salesforce, Math.max(1, count / 3), settings.getInt(Settings.SANDBOX_SF_CHANGE_MS));
        LOG.info("Sandbox: Salesforce Pub/Sub API simulator at {}:{}", pubSub.host(), pubSub.port());
        LOG.info("Sandbox: Twilio Proxy simulator at {}, Evo Voice simulator at {}, Salesforce simulator at {}; {} sessions each",
                twilio.baseUrl(), evoVoice.baseUrl(), salesforce.url(), count);
    }

    /** Starts the sandbox when it is switched on; null otherwise. */
    static SandboxSupport startIfEnabled(Settings settings) throws Exception {
        return settings.getBoolean(Settings.SANDBOX_ENABLED) ? new SandboxSupport(settings) : null;
    }

    /** Settings that point the sources at the simulators. */
    public Map<String, String> overrides() {
        return Map.copyOf(overrides);
    }

    public TwilioProxySimulator twilio() { return twilio; }
    public EvoVoiceSimulator evoVoice() { return evoVoice; }
    public SalesforceSimulator salesforce() { return salesforce; }
    public PubSubSimulator pubSub() { return pubSub; }

    /** Starts editing a few Salesforce sessions every few seconds (the subscription is up to follow them). */
    void startChanging() { changes.start(); }
    public ProxySessionGenerator proxyData() { return proxyData; }
    public EvoSessionGenerator evoData() { return evoData; }

    @Override
    public void close() {
        twilio.close();
        evoVoice.close();
        changes.close();
        pubSub.close();
        salesforce.close();
    }

    private static String sid(String prefix, long seed, int n) {
        return prefix + String.format("%016x%016x", seed * 31 + n, (seed + n) * 0x9E3779B97F4A7C15L);
    }

    private static String randomHex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
