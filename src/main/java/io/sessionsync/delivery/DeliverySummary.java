package io.sessionsync.delivery;

/**
 * One drain pass of one target: sessions delivered and refused (each refusal is a dead letter), sessions
 * postponed because the target stayed unreachable through every retry, and what is still pending.
 *
 * @param error why the pass stopped early (the target or the store unreachable), or null
 */
public record DeliverySummary(String target, long delivered, long refused, long postponed, long pending, String error) {

    /** Another instance (or another thread here) is draining this target now. */
    public static DeliverySummary busy(String target) {
        return new DeliverySummary(target, 0, 0, 0, -1, "a delivery pass of " + target + " was already going");
    }

    public boolean succeeded() {
        return error == null;
    }
}
