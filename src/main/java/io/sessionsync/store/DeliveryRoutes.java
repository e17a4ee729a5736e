package io.sessionsync.store;

import java.util.List;

/** Which targets a source's sessions go to; the store queues a delivery for each when it writes a session. */
@FunctionalInterface
public interface DeliveryRoutes {
    DeliveryRoutes NONE = source -> List.of();

    /** The names of the targets that take sessions of {@code source}; empty for none. */
    List<String> targetsOf(String source);
}
