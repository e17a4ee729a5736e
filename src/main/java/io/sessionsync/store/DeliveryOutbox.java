package io.sessionsync.store;

import java.time.OffsetDateTime;
import java.sql.Types;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.RawRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The delivery outbox ({@code target_delivery}): what each target still has to receive. The store
 * writes a pending row for every target of a session in the same transaction as the session itself
 * ({@link #enqueue}), so "stored" always implies "recorded for delivery": a target outage, a crash or
 * a database outage between the two can delay a delivery but never lose it. Whether a session is
 * unchanged for a target is decided here, per target, not against the store.
 *
 * <p>A drain takes the due rows of one target ({@link #due}), sends the sessions as stored now, and
 * settles the outcome in one transaction ({@link #settle}): delivered rows, and refused rows together
 * with their dead letters. A settle that cannot be written leaves the rows pending, so they are sent
 * again (target writes are keyed upserts) and their refusals recorded then.
 */
public final class DeliveryOutbox {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String REFUSED = "refused";

    private static final List<SqlColumn> ENQUEUE_COLUMNS = List.of(
            SqlColumn.of("target", SqlColumn.Type.TEXT), SqlColumn.of("source", SqlColumn.Type.TEXT),
            SqlColumn.of("source_id", SqlColumn.Type.TEXT), SqlColumn.of("wanted_hash", SqlColumn.Type.TEXT),
            SqlColumn.of("status", SqlColumn.Type.TEXT), SqlColumn.of("attempts", SqlColumn.Type.INTEGER),
            SqlColumn.of("next_attempt_at", SqlColumn.Type.TIMESTAMP), SqlColumn.of("last_error", SqlColumn.Type.TEXT),
            SqlColumn.of("updated_at", SqlColumn.Type.TIMESTAMP));
    private static final List<String> KEY = List.of("target", "source", "source_id");
    private static final int IN_CHUNK = 500;

    private final Database db;
    private final String enqueueSql;

    public DeliveryOutbox(Database db) {
        this.db = db;
        this.enqueueSql = enqueueSql(db.dialect());
    }

    static String enqueueSql(SqlDialect dialect) {
        // No guard: a newer stored version always makes the row pending again, with a fresh attempt count.
        return dialect.guardedUpsert("target_delivery", ENQUEUE_COLUMNS, KEY, null);
    }

    /** A stored session waiting for a target, with the content hash of the version that was read. */
    public record Pending(CanonicalSession session, String contentHash, int attempts) {}

    /** A session the target refused for good, with the target's own error code and message. */
    public record Refusal(Pending delivery, String errorCode, String message) {}

    /**
     * Marks {@code sessions} (just written, with their content hashes) pending for each of their
     * source's targets, on the caller's connection and so in the caller's transaction.
     */
    static void enqueue(Connection c, String sql, DeliveryRoutes routes, List<CanonicalSession> sessions,
                        List<String> hashes, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            boolean any = false;
            for (int i = 0; i < sessions.size(); i++) {
                CanonicalSession s = sessions.get(i);
                for (String target : routes.targetsOf(s.source())) {
                    bindEnqueue(ps, target, s.source(), s.sourceId(), hashes.get(i), now);
                    ps.addBatch();
                    any = true;
                }
            }
            if (any) ps.executeBatch();
        }
    }

    private static void bindEnqueue(PreparedStatement ps, String target, String source, String sourceId, String hash,
                                    Instant now) throws SQLException {
        ps.setString(1, target);
        ps.setString(2, source);
        ps.setString(3, sourceId);
        ps.setString(4, hash);
        ps.setString(5, PENDING);
        ps.setInt(6, 0);
        Jdbc.setInstant(ps, 7, now);
        ps.setNull(8, Types.VARCHAR);
        Jdbc.setInstant(ps, 9, now);
    }

    /**
     * Stored sessions of {@code sources} that have no delivery row for {@code target} yet are made
     * pending: a target newly switched on, a source newly routed to it, or a store written before the
     * outbox existed. Returns how many were added.
     */
    public int adopt(String target, Collection<String> sources) {
        if (sources.isEmpty()) return 0;
        String in = sources.stream().map(s -> "?").collect(Collectors.joining(", "));
        String sql = "INSERT INTO target_delivery (target, source, source_id, wanted_hash, status, attempts, next_attempt_at, updated_at)"
                + " SELECT ?, s.source, s.source_id, s.content_hash, 'pending', 0, ?, ? FROM session s"
                + " WHERE s.source IN (" + in + ") AND NOT EXISTS (SELECT 1 FROM target_delivery d"
                + " WHERE d.target = ? AND d.source = s.source AND d.source_id = s.source_id)";
        Instant now = Jdbc.now();
        List<Object> params = new ArrayList<>();
        params.add(target);
        params.add(now);
        params.add(now);
        params.addAll(sources);
        params.add(target);
        return Jdbc.update(db, sql, "Adopting stored sessions for delivery to " + target, params.toArray());
    }

    /**
     * Makes the stored versions of these sessions pending for {@code target} again, whatever their
     * state (a replay of a refusal, after the cause was fixed). Returns how many stored sessions that was.
     */
    public int requeue(String target, String source, Collection<String> sourceIds) {
        List<String> ids = sourceIds.stream().distinct().toList();
        int total = 0;
        Instant now = Jdbc.now();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            Map<String, String> hashes = storedHashes(source, chunk);
            if (hashes.isEmpty()) continue;
            try {
                Jdbc.inRetriedTransaction(db.dataSource(), c -> {
                    try (PreparedStatement ps = c.prepareStatement(enqueueSql)) {
                        for (Map.Entry<String, String> e : hashes.entrySet()) {
                            bindEnqueue(ps, target, source, e.getKey(), e.getValue(), now);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
            } catch (SQLException e) {
                throw Jdbc.fail("Queueing " + hashes.size() + " " + source + " sessions again for " + target, e);
            }
            total += hashes.size();
        }
        return total;
    }

    private Map<String, String> storedHashes(String source, List<String> ids) {
        String sql = "SELECT source_id, content_hash FROM session WHERE source = ? AND source_id IN ("
                + ids.stream().map(x -> "?").collect(Collectors.joining(", ")) + ")";
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, source);
            for (int i = 0; i < ids.size(); i++) ps.setString(i + 2, ids.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw Jdbc.fail("Reading stored versions of " + source + " sessions", e);
        }
        return out;
    }

    /**
     * Up to {@code limit} sessions due for {@code target}, oldest first, as stored now (a session
     * rewritten since it was queued goes out in its newest version, once).
     */
    public List<Pending> due(String target, int limit) {
        String sql = "SELECT s.*, d.attempts AS delivery_attempts FROM target_delivery d"
                + " JOIN session s ON s.source = d.source AND s.source_id = d.source_id"
                + " WHERE d.target = ? AND d.status = 'pending' AND d.next_attempt_at <= ?"
                + " ORDER BY d.next_attempt_at, d.source, d.source_id LIMIT ?";
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target);
            Jdbc.setInstant(ps, 2, Jdbc.now());
            ps.setInt(3, limit);
            List<Pending> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(SessionRows.read(rs), rs.getString("content_hash"), rs.getInt("delivery_attempts")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Jdbc.fail("Reading deliveries due for " + target, e);
        }
    }

    /**
     * Records one call's outcome in one transaction: the delivered sessions, and the refused ones with a
     * dead letter each (stage = the target, payload = the session as sent). A row whose session was
     * stored again meanwhile (another hash wanted now) stays pending. Pending letters of the target for
     * the delivered sessions are settled.
     */
    public void settle(String target, List<Pending> delivered, List<Refusal> refused) {
        if (delivered.isEmpty() && refused.isEmpty()) return;
        String mark = "UPDATE target_delivery SET status = ?, settled_hash = ?, settled_at = ?, updated_at = ?,"
                + " attempts = attempts + 1, last_error = ? WHERE target = ? AND source = ? AND source_id = ? AND wanted_hash = ?";
        try {
            Jdbc.inRetriedTransaction(db.dataSource(), c -> {
                Instant now = Jdbc.now();
                try (PreparedStatement ps = c.prepareStatement(mark)) {
                    for (Pending p : delivered) {
                        bindMark(ps, DELIVERED, p, null, target, now);
                        ps.addBatch();
                    }
                    for (Refusal r : refused) {
                        bindMark(ps, REFUSED, r.delivery(), r.errorCode(), target, now);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                for (Refusal r : refused) {
                    DeadLetterStore.record(c, letterOf(r.delivery().session()), target, "TargetRejected",
                            r.errorCode(), r.message(), now);
                }
                Map<String, List<String>> deliveredBySource = new LinkedHashMap<>();
                for (Pending p : delivered) {
                    deliveredBySource.computeIfAbsent(p.session().source(), k -> new ArrayList<>()).add(p.session().sourceId());
                }
                for (Map.Entry<String, List<String>> e : deliveredBySource.entrySet()) {
                    DeadLetterStore.resolveStage(c, e.getKey(), target, e.getValue(), now);
                }
                return null;
            });
        } catch (SQLException e) {
            throw Jdbc.fail("Recording " + (delivered.size() + refused.size()) + " deliveries to " + target, e);
        }
    }

    private static void bindMark(PreparedStatement ps, String status, Pending p, String error, String target, Instant now)
            throws SQLException {
        ps.setString(1, status);
        ps.setString(2, p.contentHash());
        Jdbc.setInstant(ps, 3, now);
        Jdbc.setInstant(ps, 4, now);
        ps.setString(5, error);
        ps.setString(6, target);
        ps.setString(7, p.session().source());
        ps.setString(8, p.session().sourceId());
        ps.setString(9, p.contentHash());
    }

    /**
     * The dead letter of a session a target refused. Its payload is the canonical session as stored
     * (the source's raw record is not kept once stored); a replay sends the stored session again.
     */
    public static RawRecord letterOf(CanonicalSession s) {
        String object = s.sourceObject() == null ? "Session" : s.sourceObject();
        return new RawRecord(s.source(), object, s.sourceId(), s.sourceUpdatedAt(), SessionJson.session(s));
    }

    /**
     * The target could not be reached (its retries ran out): the rows stay pending and become due
     * again after {@code delay}, with the reason kept for {@code /ops/status}.
     */
    public void postpone(String target, List<Pending> batch, String reason, Duration delay) {
        if (batch.isEmpty()) return;
        String sql = "UPDATE target_delivery SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, updated_at = ?"
                + " WHERE target = ? AND source = ? AND source_id = ? AND status = 'pending'";
        try {
            Jdbc.inRetriedTransaction(db.dataSource(), c -> {
                Instant now = Jdbc.now();
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (Pending p : batch) {
                        Jdbc.setInstant(ps, 1, now.plus(delay));
                        ps.setString(2, reason);
                        Jdbc.setInstant(ps, 3, now);
                        ps.setString(4, target);
                        ps.setString(5, p.session().source());
                        ps.setString(6, p.session().sourceId());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            throw Jdbc.fail("Postponing " + batch.size() + " deliveries to " + target, e);
        }
    }

    /** A target's pending deliveries: all of them, and those due now. */
    public record Queue(long pending, long due) {}

    /**
     * How many deliveries of {@code target} are pending and how many of those are due now: one query on
     * the due index, cheap enough for every tick of the delivery route (unlike {@link #backlog}, which
     * counts every status).
     */
    public Queue queue(String target) {
        String sql = "SELECT COUNT(*), COUNT(CASE WHEN next_attempt_at <= ? THEN 1 END) FROM target_delivery"
                + " WHERE target = ? AND status = 'pending'";
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.setInstant(ps, 1, Jdbc.now());
            ps.setString(2, target);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Queue(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw Jdbc.fail("Counting the deliveries pending for " + target, e);
        }
    }

    /** How a target's deliveries stand: counts by status, the oldest pending row's age, the last error. */
    public record Backlog(String target, long pending, long delivered, long refused, Instant oldestPending, String lastError) {}

    public Backlog backlog(String target) {
        String counts = "SELECT status, COUNT(*), MIN(updated_at) FROM target_delivery WHERE target = ? GROUP BY status";
        long pending = 0, delivered = 0, refused = 0;
        Instant oldest = null;
        String lastError = null;
        try (Connection c = db.dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(counts)) {
                ps.setString(1, target);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        switch (rs.getString(1)) {
                            case PENDING -> {
                                pending = rs.getLong(2);
                                oldest = rs.getObject(3, OffsetDateTime.class).toInstant();
                            }
                            case DELIVERED -> delivered = rs.getLong(2);
                            default -> refused = rs.getLong(2);
                        }
                    }
                }
            }
            if (pending > 0) {
                try (PreparedStatement ps = c.prepareStatement("SELECT last_error FROM target_delivery WHERE target = ?"
                        + " AND status = 'pending' AND last_error IS NOT NULL ORDER BY updated_at DESC LIMIT 1")) {
                    ps.setString(1, target);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) lastError = rs.getString(1);
                    }
                }
            }
        } catch (SQLException e) {
            throw Jdbc.fail("Reading the deliveries of " + target, e);
        }
        return new Backlog(target, pending, delivered, refused, oldest, lastError);
    }

    /** The delivery state of one session for one target, for tests and ops. */
    public Optional<String> status(String target, String source, String sourceId) {
        String sql = "SELECT status FROM target_delivery WHERE target = ? AND source = ? AND source_id = ?";
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target);
            ps.setString(2, source);
            ps.setString(3, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.fail("Reading a delivery to " + target, e);
        }
    }
}
