package io.sessionsync.store;

import io.sessionsync.reliability.ErrorClassifier;
import java.util.Collection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Durable inbox of verified webhook events: a webhook is answered only after its event is a row here,
 * and workers drain the rows. A claim is a lease: the claimed rows are skipped by other claims until
 * the lease ends, so an event whose worker died is claimed again, and several instances share the inbox
 * ({@code FOR UPDATE SKIP LOCKED}). An event that failed transiently stays pending, its lease set to the
 * end of its backoff ({@link #retryLater}). Keys are unique per source and at most {@value #MAX_KEY_LENGTH}
 * characters (callers pass a digest).
 */
public final class WebhookInbox {
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
    /** Long keys once broke PostgreSQL's btree (a row over ~2.7 KB): keys must be digests. */
    public static final int MAX_KEY_LENGTH = 128;

    private final Database db;
    private final Duration lease;

    public WebhookInbox(Database db) {
        this(db, DEFAULT_LEASE);
    }

    /** @param lease how long a claimed event stays with its claimer before others may claim it */
    public WebhookInbox(Database db, Duration lease) {
        this.db = db;
        this.lease = lease;
    }

    /** Stores an event; false (and no new row) when the source has seen its key before. */
    public boolean offer(String source, String eventKey, String payload) {
        if (eventKey == null || eventKey.isEmpty() || eventKey.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("A webhook event key of " + source + " must be 1.." + MAX_KEY_LENGTH
                    + " characters (a digest), was " + (eventKey == null ? "null" : eventKey.length() + " characters"));
        }
        String sql = "INSERT INTO webhook_inbox (source, event_key, payload, received_at, status, attempts)"
                + " VALUES (?, ?, ?, ?, 'pending', 0)";
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, source);
            ps.setString(2, eventKey);
            ps.setString(3, payload);
            Jdbc.setInstant(ps, 4, Jdbc.now());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            // The unique key decides, so two instances receiving the same event store it once.
            if (ErrorClassifier.isDuplicateKey(e)) return false;
            throw Jdbc.fail("Storing webhook event of " + source, e);
        }
    }

    /** Up to {@code max} pending events nobody holds, oldest first, leased to the caller. */
    public List<InboxEvent> claim(int max) {
        if (max <= 0) return List.of();
        String select = "SELECT id, source, event_key, payload, attempts FROM webhook_inbox"
                + " WHERE status = 'pending' AND (locked_until IS NULL OR locked_until <= ?)"
                + " ORDER BY received_at, id LIMIT ?" + db.dialect().lockSkippingLocked();
        try {
            return Jdbc.inRetriedTransaction(db.dataSource(), c -> {
                Instant now = Jdbc.now();
                List<InboxEvent> found = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(select)) {
                    Jdbc.setInstant(ps, 1, now);
                    ps.setInt(2, max);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(new InboxEvent(rs.getLong("id"), rs.getString("source"), rs.getString("event_key"),
                                    rs.getString("payload"), rs.getInt("attempts") + 1));
                        }
                    }
                }
                if (found.isEmpty()) return found;
                String lock = "UPDATE webhook_inbox SET attempts = attempts + 1, locked_until = ? WHERE id IN ("
                        + found.stream().map(e -> "?").collect(Collectors.joining(", ")) + ")";
                try (PreparedStatement ps = c.prepareStatement(lock)) {
                    Jdbc.setInstant(ps, 1, now.plus(lease));
                    for (int i = 0; i < found.size(); i++) ps.setLong(i + 2, found.get(i).id());
                    ps.executeUpdate();
                }
                return found;
            });
        } catch (SQLException e) {
            throw Jdbc.fail("Claiming webhook events", e);
        }
    }

    public void markDone(long id) {
        markDone(List.of(id));
    }

    /** Settles a batch of events in one statement. */
    public void markDone(Collection<Long> ids) {
        if (ids.isEmpty()) return;
        String sql = "UPDATE webhook_inbox SET status = 'done', processed_at = ?, locked_until = NULL, last_error = NULL"
                + " WHERE id IN (" + ids.stream().map(i -> "?").collect(Collectors.joining(", ")) + ")";
        Object[] params = new Object[ids.size() + 1];
        params[0] = Jdbc.now();
        int i = 1;
        for (Long id : ids) params[i++] = id;
        Jdbc.update(db, sql, "Marking " + ids.size() + " webhook event(s) done", params);
    }

    /**
     * The events failed for now (an outage, a remote 5xx): they stay pending, with the reason, and are
     * not claimed again before {@code delay} has passed.
     */
    public void retryLater(Collection<Long> ids, String error, Duration delay) {
        if (ids.isEmpty()) return;
        String sql = "UPDATE webhook_inbox SET last_error = ?, locked_until = ? WHERE status = 'pending' AND id IN ("
                + ids.stream().map(i -> "?").collect(Collectors.joining(", ")) + ")";
        Object[] params = new Object[ids.size() + 2];
        params[0] = error;
        params[1] = Jdbc.now().plus(delay);
        int i = 2;
        for (Long id : ids) params[i++] = id;
        Jdbc.update(db, sql, "Deferring " + ids.size() + " webhook event(s)", params);
    }

    /** The event failed for good; it stays with its error for ops and is not claimed again. */
    public void markFailed(long id, String error) {
        Jdbc.update(db, "UPDATE webhook_inbox SET status = 'failed', last_error = ?, processed_at = ?, locked_until = NULL"
                + " WHERE id = ?", "Marking webhook event " + id + " failed", error, Jdbc.now(), id);
    }

    /** Events not yet done or failed, claimed or not. */
    public long pending() {
        return Jdbc.count(db, "SELECT COUNT(*) FROM webhook_inbox WHERE status = 'pending'");
    }
}
