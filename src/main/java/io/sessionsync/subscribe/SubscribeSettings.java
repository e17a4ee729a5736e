package io.sessionsync.subscribe;

import io.sessionsync.config.Settings;
import io.sessionsync.config.SettingsException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sessionsync.salesforce.subscribe.*} settings, read once and checked together (defaults and
 * single-value checks live in {@link Settings}).
 */
public record SubscribeSettings(boolean enabled, List<String> channels, int batchSize, int maxIds, Duration maxWait,
                                Duration downAfter, Duration lockCheck, long backoffMillis, String host, int port,
                                boolean plaintext) {
    private static final Logger LOG = LoggerFactory.getLogger(SubscribeSettings.class);

    public static SubscribeSettings from(Settings s) {
        SubscribeSettings out = new SubscribeSettings(s.getBoolean(Settings.SF_SUBSCRIBE_ENABLED),
                s.getList(Settings.SF_SUBSCRIBE_CHANNELS).stream().distinct().toList(),
                s.getInt(Settings.SF_SUBSCRIBE_BATCH_SIZE), s.getInt(Settings.SF_SUBSCRIBE_MAX_IDS),
                s.getMillis(Settings.SF_SUBSCRIBE_MAX_WAIT_MS), s.getDuration(Settings.SF_SUBSCRIBE_DOWN_AFTER),
                s.getMillis(Settings.SF_SUBSCRIBE_LOCK_CHECK_MS), s.getMillis(Settings.SF_SUBSCRIBE_BACKOFF_MS).toMillis(),
                s.get(Settings.SF_PUBSUB_HOST), s.getInt(Settings.SF_PUBSUB_PORT), s.getBoolean(Settings.SF_PUBSUB_PLAINTEXT));
        if (!out.enabled) return out;
        if (!s.getBoolean(Settings.SF_SOURCE_ENABLED)) {
            // Change events are fetched and mapped as polled records, and polling is the reconciliation behind them.
            LOG.warn("{} = true is ignored: it needs the Salesforce source ({} = true)", Settings.SF_SUBSCRIBE_ENABLED.key(),
                    Settings.SF_SOURCE_ENABLED.key());
            return out.off();
        }
        if (out.plaintext && !loopback(out.host)) {
            throw new SettingsException(Settings.SF_PUBSUB_PLAINTEXT.key() + " = true is only for a simulator on loopback, not "
                    + Settings.SF_PUBSUB_HOST.key() + " = " + out.host + ": the access token would cross the network in clear");
        }
        return out;
    }

    private SubscribeSettings off() {
        return new SubscribeSettings(false, channels, batchSize, maxIds, maxWait, downAfter, lockCheck, backoffMillis, host, port, plaintext);
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
