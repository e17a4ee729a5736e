package io.sessionsync.cluster;

import io.sessionsync.config.Settings;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts a Quartz scheduler clustered on the JDBC job store behind the routes' {@code quartz:} endpoints. */
public final class ClusteredScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(ClusteredScheduler.class);

    private ClusteredScheduler() {}

    /** Registers the clustered {@code quartz} component when clustering is on; returns whether it did. */
    public static boolean installIfEnabled(CamelContext ctx, Settings settings) throws SchedulerException {
        Properties props = ClusterSettings.quartzProperties(settings);
        if (props == null) return false;
        Scheduler scheduler = new StdSchedulerFactory(props).getScheduler();
        QuartzComponent quartz = new QuartzComponent(ctx);
        quartz.setScheduler(scheduler);
        ctx.addComponent("quartz", quartz);
        LOG.info("Quartz clustered on the store's PostgreSQL (instance {}): each scheduled run fires on one instance",
                scheduler.getSchedulerInstanceId());
        return true;
    }
}
