package io.sessionsync.store;

import io.sessionsync.model.CanonicalSession;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGStatement;
import org.slf4j.LoggerFactory;

/**
 * The canonical store: one row per (source, sourceId). Writes are idempotent and monotonic: the
 * version guard is part of the upsert statement, so it holds with several writers at once.
 */
public final class SessionStore {
    /** Ids per lookup in {@link #storedVersions}: as many as a Twilio page (1000), so a page costs one round trip. */
    private static final int IN_CHUNK = 1000;

    /** Rows per JDBC batch when none is configured ({@code sessionsync.store.batch-size}). */
    public static final int DEFAULT_BATCH_SIZE = 500;

    private final Database db;
    private final SessionUpserts upserts;
    private final DeliveryRoutes deliveryRoutes;
    private final String enqueueSql;
    private final StoredPages pages;
    /** Rows written by this store; statistics are refreshed each time it doubles past the first 10,000. */
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong nextStatistics = new AtomicLong(10_000);

    public SessionStore(Database db) {
        this(db, DEFAULT_BATCH_SIZE);
    }

    /**
     * @param batchSize rows per JDBC batch (H2), or per multi-row statement up to 128 (PostgreSQL); a longer
     *                  list is sent as several in one transaction
     */
    public SessionStore(Database db, int batchSize) {
        this(db, batchSize, DeliveryRoutes.NONE);
    }

    /**
     * @param deliveryRoutes the targets of each source: every session written is queued for each of
     *                       them in the same transaction ({@link DeliveryOutbox})
     */
    public SessionStore(Database db, int batchSize, DeliveryRoutes deliveryRoutes) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        this.db = db;
        this.upserts = SessionUpserts.forDialect(db.dialect(), batchSize);
        this.deliveryRoutes = deliveryRoutes;
        this.enqueueSql = DeliveryOutbox.enqueueSql(db.dialect());
        this.pages = new StoredPages(db);
    }

    /** Source pages whose records are all stored, for skipping an unchanged page with one lookup. */
    public StoredPages pages() {
        return pages;
    }

    /**
     * Writes a batch in one transaction ({@link SessionUpserts}: multi-row statements on PostgreSQL, JDBC
     * batches of at most the configured batch size on H2). A new key is inserted; a stored one is
     * updated only by a newer version, or by the same version with different content. Within the batch
     * only the newest version of each key is written (the last one on a tie).
     *
     * @throws IllegalArgumentException when a session has no {@code sourceUpdatedAt}; nothing is written
     */
    public UpsertResult upsert(List<CanonicalSession> batch) {
        return upsert(batch, null);
    }

    /**
     * As {@link #upsert(List)}, and when {@code page} is given, remembers in the same transaction that the
     * page it came from is stored in full ({@link StoredPages}): the caller passes it only when every
     * other record of the page is already stored, and the batch either commits whole or not at all.
     */
    public UpsertResult upsert(List<CanonicalSession> batch, StoredPages.Page page) {
        if (batch.isEmpty()) return new UpsertResult(List.of(), 0);
        List<CanonicalSession> rows = newestPerKey(batch);
        // A fixed key order makes concurrent batches lock rows in the same order: no deadlocks.
        rows.sort(Comparator.comparing(CanonicalSession::source).thenComparing(CanonicalSession::sourceId));
        List<List<Object>> contents = new ArrayList<>(rows.size());
        for (CanonicalSession s : rows) contents.add(SessionRows.contentValues(s));
        List<String> hashes = new ArrayList<>(contents.size());
        for (List<Object> content : contents) hashes.add(SessionRows.contentHash(content));
        try {
            List<CanonicalSession> written = Jdbc.inRetriedTransaction(db.dataSource(), c -> {
                Instant syncedAt = Jdbc.now();
                boolean[] rowWritten = upserts.write(c, contents, hashes, syncedAt);
                List<CanonicalSession> out = new ArrayList<>();
                List<String> outHashes = new ArrayList<>();
                for (int i = 0; i < rowWritten.length; i++) {
                    if (rowWritten[i]) {
                        out.add(rows.get(i));
                        outHashes.add(hashes.get(i));
                    }
                }
                // Same transaction: a session is never stored without its deliveries queued.
                if (!out.isEmpty()) DeliveryOutbox.enqueue(c, enqueueSql, deliveryRoutes, out, outHashes, syncedAt);
                // Same transaction: one commit (one WAL flush) a page instead of two.
                if (page != null) pages.save(c, page);
                return out;
            });
            refreshStatisticsWhenGrown(written.size());
            return new UpsertResult(written, batch.size() - written.size());
        } catch (SQLException e) {
            throw Jdbc.fail("Upsert of " + rows.size() + " sessions", e);
        }
    }

    /**
     * A backfill fills an empty table faster than autovacuum analyzes it. Without statistics PostgreSQL
     * guesses that {@code source = ?} is selective, looks up each page's stored versions through the
     * (source, source_updated_at) index, and so filters the whole table per page: 350 ms a page at
     * 400,000 rows against 2.5 ms once analyzed. Refreshing the statistics at 10,000 rows written, then at
     * each doubling, keeps the lookups on the primary key. A failure is only logged: it costs speed, not data.
     */
    private void refreshStatisticsWhenGrown(int written) {
        long total = rowsWritten.addAndGet(written);
        long due = nextStatistics.get();
        if (total < due || !nextStatistics.compareAndSet(due, Math.max(due * 2, total))) return;
        db.dialect().refreshStatistics("session").ifPresent(sql -> {
            try (var c = db.dataSource().getConnection(); var st = c.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                LoggerFactory.getLogger(SessionStore.class)
                        .warn("Refreshing the session table's statistics failed (lookups may slow down): {}", e.getMessage());
            }
        });
    }

    private static List<CanonicalSession> newestPerKey(List<CanonicalSession> batch) {
        Map<List<String>, CanonicalSession> newest = new LinkedHashMap<>();
        for (CanonicalSession s : batch) {
            if (s.sourceUpdatedAt() == null) {
                throw new IllegalArgumentException("Session " + s.source() + "/" + s.sourceId()
                        + " has no sourceUpdatedAt (its version); the store cannot order it");
            }
            newest.merge(List.of(s.source(), s.sourceId()), s,
                    (old, inc) -> inc.sourceUpdatedAt().isBefore(old.sourceUpdatedAt()) ? old : inc);
        }
        return new ArrayList<>(newest.values());
    }

    /**
     * The stored version of each of {@code sourceIds} that is stored; absent ids are not in the map. One
     * keyed lookup per page: the ids go as one array parameter ({@code = ANY(?)}), so the statement text
     * and its binding do not grow with the page (1000 ids were 1000 placeholders, planned each time).
     */
    public Map<String, Instant> storedVersions(String source, Collection<String> sourceIds) {
        Map<String, Instant> versions = new HashMap<>();
        List<String> ids = sourceIds.stream().distinct().toList();
        if (ids.isEmpty()) return versions;
        String sql = "SELECT source_id, source_updated_at FROM session WHERE source = ? AND source_id = ANY(?)";
        try (var c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            planEachTime(ps);
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                Array chunk = c.createArrayOf("varchar", ids.subList(from, Math.min(ids.size(), from + IN_CHUNK)).toArray());
                try {
                    ps.setString(1, source);
                    ps.setArray(2, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) versions.put(rs.getString(1), Jdbc.getInstant(rs, "source_updated_at"));
                    }
                } finally {
                    chunk.free();
                }
            }
        } catch (SQLException e) {
            throw Jdbc.fail("Reading stored versions of " + source, e);
        }
        return versions;
    }

    /**
     * PostgreSQL switches a statement prepared on the server to a generic plan after five runs and keeps
     * it. Planned while a backfill's table was still small, that plan is a sequential scan, and every
     * later page's lookup scanned the whole growing table (a million-row backfill slowed to a crawl).
     * An unnamed statement is planned with its values each time, so the primary key index is used.
     */
    private static void planEachTime(PreparedStatement ps) throws SQLException {
        if (ps.isWrapperFor(PGStatement.class)) {
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
    }

    public Optional<CanonicalSession> find(String source, String sourceId) {
        String sql = "SELECT * FROM session WHERE source = ? AND source_id = ?";
        try (var c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, source);
            ps.setString(2, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(SessionRows.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.fail("Reading session " + source + "/" + sourceId, e);
        }
    }

    public long count() {
        return Jdbc.count(db, "SELECT COUNT(*) FROM session");
    }

    public long count(String source) {
        return Jdbc.count(db, "SELECT COUNT(*) FROM session WHERE source = ?", source);
    }
}
