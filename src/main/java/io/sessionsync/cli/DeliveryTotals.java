package io.sessionsync.cli;

import io.sessionsync.delivery.DeliverySummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deliveries of one command, per target: every pass while it ran (the delivery route's timer)
 * added up, with what is pending and the error as the last pass left them.
 */
final class DeliveryTotals {
    private final Map<String, long[]> sums = new HashMap<>();
    private final Map<String, DeliverySummary> last = new HashMap<>();

    /** A pass that did something (the delivery's listener). */
    synchronized void add(DeliverySummary pass) {
        long[] n = sums.computeIfAbsent(pass.target(), k -> new long[3]);
        n[0] += pass.delivered();
        n[1] += pass.refused();
        n[2] += pass.postponed();
        last.put(pass.target(), pass);
    }

    /** The command's own last pass (also counted through the listener when it did something). */
    synchronized void last(DeliverySummary pass) {
        last.put(pass.target(), pass);
    }

    synchronized List<DeliverySummary> byTarget(List<String> targets) {
        List<DeliverySummary> out = new ArrayList<>();
        for (String t : targets) {
            long[] n = sums.getOrDefault(t, new long[3]);
            DeliverySummary l = last.get(t);
            out.add(new DeliverySummary(t, n[0], n[1], n[2], l == null ? -1 : l.pending(), l == null ? null : l.error()));
        }
        return out;
    }
}
