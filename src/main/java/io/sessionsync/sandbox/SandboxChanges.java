package io.sessionsync.sandbox;

import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users at work in the sandbox's org: every few seconds a few MessagingSessions and SOSSessions get a
 * new message count or wait duration, so a running subscription has changes to follow.
 */
public final class SandboxChanges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxChanges.class);
    private static final int PER_ROUND = 2;

    private final SalesforceSimulator salesforce;
    private final int recordsPerObject;
    private final long periodMillis;
    private final Random random = new Random(7);
    private ScheduledExecutorService timer;

    /** @param periodMillis how often a round of changes happens; 0: never */
    public SandboxChanges(SalesforceSimulator salesforce, int recordsPerObject, long periodMillis) {
        this.salesforce = salesforce;
        this.recordsPerObject = recordsPerObject;
        this.periodMillis = periodMillis;
    }

    public synchronized void start() {
        if (periodMillis <= 0 || timer != null) return;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-salesforce-changes");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::round, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        LOG.info("Sandbox: the Salesforce simulator edits {} sessions every {} ms", PER_ROUND * 2, periodMillis);
    }

    private void round() {
        try {
            for (int i = 0; i < PER_ROUND; i++) {
                String ms = salesforce.idOf("MessagingSession", 1 + random.nextInt(recordsPerObject));
                salesforce.update("MessagingSession", ms, "EndUserMessageCount", 1 + random.nextInt(40));
                String sos = salesforce.idOf("SOSSession", 1 + random.nextInt(recordsPerObject));
                salesforce.update("SOSSession", sos, "WaitDuration", 5 + random.nextInt(120));
                LOG.info("Sandbox: Salesforce changed {} and {}", ms, sos);
            }
        } catch (RuntimeException e) {
            LOG.warn("Sandbox: changing Salesforce records failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) timer.shutdownNow();
    }

}
