package io.sessionsync.store;

import java.util.stream.Collectors;
import java.util.Objects;
import io.sessionsync.model.RawRecord;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Records that failed for good, once per record and stage while pending. A unique index over the
 * pending letters (see the migrations) makes that hold between instances: the loser of an insert race
 * gets a duplicate-key error, retries, and updates the winner's letter.
 */
public final class DeadLetterStore {
    public static final String PENDING = "pending";
    public static final String REPLAYED = "replayed";
    public static final String DISCARDED = "discarded";

    private final Database db;

    public DeadLetterStore(Database db) {
        this.db = db;
    }

    /**
     * Records a failure; returns the id of the (new or updated) pending letter. A record without an id
     * cannot be recognised again, so each of its failures is a letter of its own.
     */
    public long record(RawRecord raw, String stage, String errorClass, String errorCode, String message) {
        return letter(raw, stage, errorClass, errorCode, message).id();
    }

    /** What recording a failure did to the letters. */
    public enum Outcome {
        /** A new pending letter. */
        CREATED,
        /** The pending letter now holds another version of the record or another reason. */
        CHANGED,
        /** The same version failed the same way again: the pending letter's attempts went up. */
        REPEATED,
        /**
         * An operator discarded the letter of this very version: nothing is lettered again; the discarded
         * letter counts the sighting (attempts, last failure time) and the record counts as skipped.
         */
        SKIPPED_DISCARDED
    }

    /** The letter a failure went to, and what happened to it. */
    public record Recorded(long id, Outcome outcome) {
        /** Whether an operator should hear about it: a new letter, or one that changed. */
        public boolean isNews() {
            return outcome == Outcome.CREATED || outcome == Outcome.CHANGED;
        }
    }

    /** Records a failure, as {@link #record}, telling what happened. */
    public Recorded letter(RawRecord raw, String stage, String errorClass, String errorCode, String message) {
        try {
            return Jdbc.inRetriedTransaction(db.dataSource(),
                    c -> record(c, raw, stage, errorClass, errorCode, message, Jdbc.now()));
        } catch (SQLException e) {
            throw Jdbc.fail("Recording dead letter for " + raw.key() + " at " + stage, e);
        }
    }

    /** {@link #letter} on the caller's connection, inside the caller's transaction. */
    static Recorded record(Connection c, RawRecord raw, String stage, String errorClass, String errorCode, String message,
                           Instant now) throws SQLException {
        if (raw.id() != null) {
            Long discarded = discardedSameVersion(c, raw, stage);
            if (discarded != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE dead_letter SET attempts = attempts + 1, last_failed_at = ? WHERE id = ?")) {
                    Jdbc.setInstant(ps, 1, now);
                    ps.setLong(2, discarded);
                    ps.executeUpdate();
                }
                return new Recorded(discarded, Outcome.SKIPPED_DISCARDED);
            }
        }
        Pending existing = raw.id() == null ? null : lockPending(c, raw, stage);
        if (existing != null) {
            update(c, existing.id(), raw, errorClass, errorCode, message, now);
            boolean same = Objects.equals(existing.version(), Jdbc.micros(raw.version()))
                    && Objects.equals(existing.message(), message);
            return new Recorded(existing.id(), same ? Outcome.REPEATED : Outcome.CHANGED);
        }
        return new Recorded(insert(c, raw, stage, errorClass, errorCode, message, now), Outcome.CREATED);
    }

    /**
     * The discarded letter of this record, stage and version (for a record without a version: the same
     * payload), if an operator discarded it; the newest such.
     */
    private static Long discardedSameVersion(Connection c, RawRecord raw, String stage) throws SQLException {
        String sql = "SELECT id, record_version, payload FROM dead_letter WHERE source = ? AND object = ? AND record_id = ?"
                + " AND stage = ? AND status = 'discarded' ORDER BY id DESC";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindRecordAndStage(ps, raw, stage);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant version = Jdbc.getInstant(rs, "record_version");
                    boolean same = raw.version() == null
                            ? version == null && raw.json().equals(rs.getString("payload"))
                            : Jdbc.micros(raw.version()).equals(version);
                    if (same) return rs.getLong("id");
                }
            }
        }
        return null;
    }

    /**
     * The pending letters of one stage for these records of {@code source} become replayed (they went
     * through that stage since), on the caller's connection. One statement for all of them.
     */
    static int resolveStage(Connection c, String source, String stage, List<String> recordIds, Instant now) throws SQLException {
        return resolvePending(c, source, List.of(stage), recordIds, now);
    }

    /**
     * One statement for every stage and record: {@code record_id = ANY(array)} binds the ids as one
     * parameter, and {@code status = 'pending'} keeps it on the partial index of pending letters
     * ({@code dead_letter_one_pending_idx}), so it touches pending letters only and costs next to nothing
     * when there are none (the usual case), whatever the page size.
     */
    private static int resolvePending(Connection c, String source, List<String> stages, List<String> recordIds,
                                      Instant now) throws SQLException {
        if (recordIds.isEmpty() || stages.isEmpty()) return 0;
        String sql = "UPDATE dead_letter SET status = 'replayed', resolved_at = ? WHERE status = 'pending' AND source = ?"
                + " AND stage IN (" + stages.stream().map(x -> "?").collect(Collectors.joining(", ")) + ")"
                + " AND record_id = ANY(?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            Jdbc.setInstant(ps, i++, now);
            ps.setString(i++, source);
            for (String stage : stages) ps.setString(i++, stage);
            Array ids = c.createArrayOf("varchar", recordIds.toArray());
            try {
                ps.setArray(i, ids);
                return ps.executeUpdate();
            } finally {
                ids.free();
            }
        }
    }

    private record Pending(long id, Instant version, String message) {}

    /** Binds the first four parameters: source, object, record id and stage. */
    private static void bindRecordAndStage(PreparedStatement ps, RawRecord raw, String stage) throws SQLException {
        ps.setString(1, raw.source());
        ps.setString(2, raw.object());
        ps.setString(3, raw.id());
        ps.setString(4, stage);
    }

    private static Pending lockPending(Connection c, RawRecord raw, String stage) throws SQLException {
        String sql = "SELECT id, record_version, message FROM dead_letter WHERE source = ? AND object = ? AND record_id = ?"
                + " AND stage = ? AND status = 'pending' FOR UPDATE";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindRecordAndStage(ps, raw, stage);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Pending(rs.getLong(1), Jdbc.getInstant(rs, "record_version"), rs.getString(3)) : null;
            }
        }
    }

    private static void update(Connection c, long id, RawRecord raw, String errorClass, String errorCode,
                               String message, Instant now) throws SQLException {
        String sql = "UPDATE dead_letter SET attempts = attempts + 1, last_failed_at = ?, error_class = ?, error_code = ?,"
                + " message = ?, payload = ?, record_version = ? WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.setInstant(ps, 1, now);
            ps.setString(2, errorClass);
            ps.setString(3, errorCode);
            ps.setString(4, message);
            ps.setString(5, raw.json());
            Jdbc.setInstant(ps, 6, raw.version());
            ps.setLong(7, id);
            ps.executeUpdate();
        }
    }

    private static long insert(Connection c, RawRecord raw, String stage, String errorClass, String errorCode,
                               String message, Instant now) throws SQLException {
        String sql = "INSERT INTO dead_letter (source, object, record_id, record_version, stage, error_class, error_code,"
                + " message, payload, attempts, first_failed_at, last_failed_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'pending')";
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, raw.source());
            ps.setString(2, raw.object());
            ps.setString(3, raw.id());
            Jdbc.setInstant(ps, 4, raw.version());
            ps.setString(5, stage);
            ps.setString(6, errorClass);
            ps.setString(7, errorCode);
            ps.setString(8, message);
            ps.setString(9, raw.json());
            Jdbc.setInstant(ps, 10, now);
            Jdbc.setInstant(ps, 11, now);
            ps.executeUpdate();
            return Jdbc.generatedId(ps);
        }
    }

    /** A newer version of the record went through: its pending letters (any stage) become replayed. */
    public int resolve(String source, String object, String recordId) {
        return Jdbc.update(db, "UPDATE dead_letter SET status = 'replayed', resolved_at = ?"
                + " WHERE source = ? AND object = ? AND record_id = ? AND status = 'pending'",
                "Resolving dead letters of " + source + "/" + object + "/" + recordId,
                Jdbc.now(), source, object, recordId);
    }

    /**
     * These records of {@code source} went through {@code stages} (a newer version was mapped and
     * stored): their pending letters of those stages become replayed. One statement for the whole
     * page, touching pending letters only: callers need not count pending letters first.
     */
    public int resolveStages(String source, List<String> recordIds, List<String> stages) {
        if (recordIds.isEmpty()) return 0;
        try {
            // Retried as a unit if it loses a race (a deadlock with a writer settling the same letters).
            return Jdbc.inRetriedTransaction(db.dataSource(), c -> resolvePending(c, source, stages, recordIds, Jdbc.now()));
        } catch (SQLException e) {
            throw Jdbc.fail("Settling dead letters of " + recordIds.size() + " " + source + " records", e);
        }
    }

    /** Marks a pending letter replayed; false when it is not pending (or does not exist). */
    public boolean markReplayed(long id) {
        return Jdbc.update(db, "UPDATE dead_letter SET status = 'replayed', resolved_at = ? WHERE id = ? AND status = 'pending'",
                "Marking dead letter " + id + " replayed", Jdbc.now(), id) > 0;
    }

    /** Discards a pending letter with a reason; false when it is not pending (or does not exist). */
    public boolean discard(long id, String reason) {
        return Jdbc.update(db, "UPDATE dead_letter SET status = 'discarded', discard_reason = ?, resolved_at = ?"
                + " WHERE id = ? AND status = 'pending'", "Discarding dead letter " + id, reason, Jdbc.now(), id) > 0;
    }

    /** Pending letters counted by source, stage and reason (the API's error code, else the error class), most first. */
    public List<PendingGroup> pendingByReason() {
        String sql = "SELECT source, stage, COALESCE(error_code, error_class, '?') AS reason, COUNT(*) AS n FROM dead_letter"
                + " WHERE status = 'pending' GROUP BY source, stage, COALESCE(error_code, error_class, '?') ORDER BY n DESC, source, stage";
        List<PendingGroup> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(new PendingGroup(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
        } catch (SQLException e) {
            throw Jdbc.fail("Counting pending dead letters by reason", e);
        }
        return out;
    }

    /** A count of pending letters sharing source, stage and reason. */
    public record PendingGroup(String source, String stage, String reason, long count) {}

    public long countPending() {
        return Jdbc.count(db, "SELECT COUNT(*) FROM dead_letter WHERE status = 'pending'");
    }

    public Optional<DeadLetter> find(long id) {
        return query("SELECT * FROM dead_letter WHERE id = ?", List.of(id)).stream().findFirst();
    }

    /** The letters matching the filter, newest failure first, at most its limit. */
    public List<DeadLetter> list(DeadLetterFilter filter) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT * FROM dead_letter" + where(filter, params) + " ORDER BY last_failed_at DESC, id DESC LIMIT ?";
        params.add(filter.limit());
        return query(sql, params);
    }

    /** How many letters match the filter, whatever its limit ("showing 100 of 223"). */
    public long count(DeadLetterFilter filter) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM dead_letter" + where(filter, params);
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw Jdbc.fail("Counting dead letters", e);
        }
    }

    /** The ids of every letter matching the filter, whatever its limit, oldest first (a replay's batches). */
    public List<Long> ids(DeadLetterFilter filter) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT id FROM dead_letter" + where(filter, params) + " ORDER BY id";
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bindAll(ps, params);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
            return ids;
        } catch (SQLException e) {
            throw Jdbc.fail("Reading dead letter ids", e);
        }
    }

    /** These letters, in id order; ids that do not exist are left out. */
    public List<DeadLetter> find(List<Long> ids) {
        if (ids.isEmpty()) return List.of();
        String in = ids.stream().map(x -> "?").collect(Collectors.joining(", "));
        return query("SELECT * FROM dead_letter WHERE id IN (" + in + ") ORDER BY id", new ArrayList<>(ids));
    }

    private static String where(DeadLetterFilter filter, List<Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (filter.source() != null) {
            sql.append(" AND source = ?");
            params.add(filter.source());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status());
        }
        if (filter.errorContains() != null && !filter.errorContains().isEmpty()) {
            sql.append(" AND (LOWER(message) LIKE ? ESCAPE '!' OR LOWER(error_code) LIKE ? ESCAPE '!'"
                    + " OR LOWER(error_class) LIKE ? ESCAPE '!')");
            String pattern = "%" + likeLiteral(filter.errorContains().toLowerCase(Locale.ROOT)) + "%";
            params.add(pattern);
            params.add(pattern);
            params.add(pattern);
        }
        if (filter.from() != null) {
            sql.append(" AND last_failed_at >= ?");
            params.add(filter.from());
        }
        if (filter.to() != null) {
            sql.append(" AND last_failed_at < ?");
            params.add(filter.to());
        }
        return sql.toString();
    }

    /** The text matched literally by LIKE: its wildcards and the escape character escaped. */
    private static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private List<DeadLetter> query(String sql, List<Object> params) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bindAll(ps, params);
            List<DeadLetter> letters = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) letters.add(read(rs));
            }
            return letters;
        } catch (SQLException e) {
            throw Jdbc.fail("Reading dead letters", e);
        }
    }

    private static DeadLetter read(ResultSet rs) throws SQLException {
        return new DeadLetter(rs.getLong("id"), rs.getString("source"), rs.getString("object"), rs.getString("record_id"),
                Jdbc.getInstant(rs, "record_version"), rs.getString("stage"), rs.getString("error_class"),
                rs.getString("error_code"), rs.getString("message"), rs.getString("payload"), rs.getInt("attempts"),
                Jdbc.getInstant(rs, "first_failed_at"), Jdbc.getInstant(rs, "last_failed_at"), rs.getString("status"),
                rs.getString("discard_reason"));
    }
}
