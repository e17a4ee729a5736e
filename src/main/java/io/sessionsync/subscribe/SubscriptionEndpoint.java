package io.sessionsync.subscribe;

import java.util.Optional;

/**
 * The consumer URI of one channel: {@code salesforce-pubsub:pubSubSubscribe:<channel>} resuming after
 * the stored replay id (CUSTOM) or, with none, at LATEST; events as Avro GenericRecords; no silent
 * fallback to LATEST (see {@link ReplayIdRejected}).
 */
final class SubscriptionEndpoint {
    /** A component of its own: camel-salesforce consumers refuse the lazy login the shared one uses. */
    static final String COMPONENT = "salesforce-pubsub";

    private SubscriptionEndpoint() {}

    static String uri(String channel, Optional<String> replayId, int batchSize, long backoffMillis, String errorHandlerBean) {
        StringBuilder uri = new StringBuilder(COMPONENT).append(":pubSubSubscribe:").append(channel)
                .append("?pubSubDeserializeType=GENERIC_RECORD")
                .append("&pubSubBatchSize=").append(batchSize)
                .append("&fallbackToLatestReplayId=false")
                .append("&backoffIncrement=").append(backoffMillis)
                .append("&exceptionHandler=#").append(errorHandlerBean);
        if (replayId.isPresent()) {
            uri.append("&replayPreset=CUSTOM&pubSubReplayId=RAW(").append(replayId.get()).append(')');
        } else {
            uri.append("&replayPreset=LATEST");
        }
        return uri.toString();
    }
}
