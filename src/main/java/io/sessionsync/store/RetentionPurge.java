package io.sessionsync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the service's own history once it is older than the retention period: finished runs,
 * settled webhook events and replayed dead letters. What is still owed or still holds something is
 * never purged: running runs, pending events, pending letters, discarded letters (a discard holds
 * for its record version for as long as the letter exists), sessions, checkpoints and deliveries.
 */
public final class RetentionPurge {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);

    private final Database db;
    private final Duration keep;

    /** @param keep how long history is kept ({@code sessionsync.retention.days}); zero keeps it for ever */
    public RetentionPurge(Database db, Duration keep) {
        this.db = db;
        this.keep = keep;
    }

    /** The daily purge (routes/retention.yaml): deletes what finished longer ago than the retention period. */
    public Purged run() {
        Purged p = purge(keep, Instant.now());
        if (p.total() > 0) {
            LOG.info("Purged history older than {} days: {} runs, {} webhook events, {} replayed dead letters",
                    keep.toDays(), p.runs(), p.webhookEvents(), p.deadLetters());
        }
        return p;
    }

    /** Rows deleted per table. */
    public record Purged(int runs, int webhookEvents, int deadLetters) {
        public int total() {
            return runs + webhookEvents + deadLetters;
        }
    }

    /** Deletes what finished before {@code now - keep}; a zero {@code keep} deletes nothing. */
    public Purged purge(Duration keep, Instant now) {
        if (keep.isZero()) return new Purged(0, 0, 0);
        Instant before = now.minus(keep);
        try {
            return Jdbc.inTransaction(db.dataSource(), c -> new Purged(
                    delete(c, "DELETE FROM sync_run WHERE status <> 'running' AND finished_at < ?", before),
                    delete(c, "DELETE FROM webhook_inbox WHERE status <> 'pending' AND processed_at < ?", before),
                    delete(c, "DELETE FROM dead_letter WHERE status = 'replayed' AND resolved_at < ?", before)));
        } catch (SQLException e) {
            throw Jdbc.fail("Purging history older than " + before, e);
        }
    }

    private static int delete(Connection c, String sql, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.setInstant(ps, 1, before);
            return ps.executeUpdate();
        }
    }
}
