package io.sessionsync.app;

import io.sessionsync.pipeline.SyncService;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ShutdownStrategy;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When Camel starts stopping, before any route or the store stops: tells the runs going to stop at
 * their next page boundary and waits for them (up to Camel's shutdown timeout), so that each is
 * recorded as interrupted with its counts while the store is still open.
 */
final class RunDrain extends LifecycleStrategySupport {
    private static final Logger LOG = LoggerFactory.getLogger(RunDrain.class);
    private final SyncService sync;

    RunDrain(SyncService sync) {
        this.sync = sync;
    }

    @Override
    public void onContextStopping(CamelContext context) {
        sync.stopRuns();
        int going = sync.runsGoing();
        if (going == 0) return;
        ShutdownStrategy shutdown = context.getShutdownStrategy();
        Duration timeout = Duration.ofMillis(shutdown.getTimeUnit().toMillis(shutdown.getTimeout()));
        LOG.info("Waiting for {} run(s) going to stop at their next page boundary (up to {}s)", going, timeout.toSeconds());
        try {
            if (!sync.awaitRunsDone(timeout)) {
                LOG.warn("{} run(s) still going after {}s; stopping anyway (the next start records them as interrupted)",
                        sync.runsGoing(), timeout.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
