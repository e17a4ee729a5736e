package io.sessionsync.store;

import io.sessionsync.run.RunCounts;
import io.sessionsync.run.Trigger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The history of sync runs: started as {@code running}, finished as {@code succeeded} or {@code failed}. */
public final class RunStore {
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    private static final Set<String> FINAL_STATUSES = Set.of(SUCCEEDED, FAILED);
    private static final String COLUMNS = "id, trigger, source, started_at, finished_at, status, records_read, "
            + "records_written, records_unchanged, records_failed, records_skipped, error";

    private final Database db;

    public RunStore(Database db) {
        this.db = db;
    }

    /** Records a run as running; returns its id. */
    public long start(String source, Trigger trigger) {
        String sql = "INSERT INTO sync_run (trigger, source, started_at, status) VALUES (?, ?, ?, ?)";
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, trigger.dbValue());
            ps.setString(2, source);
            Jdbc.setInstant(ps, 3, Jdbc.now());
            ps.setString(4, RUNNING);
            ps.executeUpdate();
            return Jdbc.generatedId(ps);
        } catch (SQLException e) {
            throw Jdbc.fail("Starting a run of " + source, e);
        }
    }

    /**
     * Records how a run ended.
     *
     * @param status {@code succeeded} or {@code failed}
     * @param error  what failed, or null
     */
    public void finish(long runId, RunCounts counts, String status, String error) {
        if (!FINAL_STATUSES.contains(status)) {
            throw new IllegalArgumentException("Run status must be one of " + FINAL_STATUSES + ", not '" + status + "'");
        }
        String sql = "UPDATE sync_run SET finished_at = ?, status = ?, records_read = ?, records_written = ?, "
                + "records_unchanged = ?, records_failed = ?, records_skipped = ?, error = ? WHERE id = ?";
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.setInstant(ps, 1, Jdbc.now());
            ps.setString(2, status);
            ps.setLong(3, counts.read());
            ps.setLong(4, counts.written());
            ps.setLong(5, counts.unchanged());
            ps.setLong(6, counts.failed());
            ps.setLong(7, counts.skipped());
            ps.setString(8, error);
            ps.setLong(9, runId);
            if (ps.executeUpdate() == 0) throw new StoreException("No run with id " + runId + " to finish");
        } catch (SQLException e) {
            throw Jdbc.fail("Finishing run " + runId, e);
        }
    }

    /**
     * Marks as failed the runs of {@code source} still recorded as running under the given triggers:
     * their process stopped mid-run (killed, crashed). Call it only while holding the source's run
     * lock, so no live run of those triggers can be among them. Returns how many were closed.
     */
    public int failInterrupted(String source, Collection<Trigger> triggers) {
        if (triggers.isEmpty()) return 0;
        String marks = String.join(", ", Collections.nCopies(triggers.size(), "?"));
        String sql = "UPDATE sync_run SET finished_at = ?, status = ?, error = ? WHERE source = ? AND status = ? "
                + "AND trigger IN (" + marks + ")";
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.setInstant(ps, 1, Jdbc.now());
            ps.setString(2, FAILED);
            ps.setString(3, "interrupted: the process running it stopped before the run finished");
            ps.setString(4, source);
            ps.setString(5, RUNNING);
            int i = 6;
            for (Trigger t : triggers) ps.setString(i++, t.dbValue());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.fail("Closing interrupted runs of " + source, e);
        }
    }

    /** The latest runs, newest first. */
    public List<RunRecord> recent(int limit) {
        return query("SELECT " + COLUMNS + " FROM sync_run ORDER BY id DESC LIMIT ?", Math.max(1, limit));
    }

    /**
     * The latest finished runs of {@code source} under the given triggers, newest first, up to the latest
     * success (included) or {@code limit} runs: what source health starts from after a restart.
     */
    public List<RunRecord> latestFinished(String source, Collection<Trigger> triggers, int limit) {
        String marks = String.join(", ", Collections.nCopies(triggers.size(), "?"));
        String sql = "SELECT " + COLUMNS + " FROM sync_run WHERE source = ? AND status <> ? AND trigger IN (" + marks
                + ") ORDER BY id DESC LIMIT ?";
        List<RunRecord> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, source);
            ps.setString(i++, RUNNING);
            for (Trigger t : triggers) ps.setString(i++, t.dbValue());
            ps.setInt(i, Math.max(1, limit));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RunRecord r = row(rs);
                    out.add(r);
                    if (SUCCEEDED.equals(r.status())) break;
                }
            }
            return out;
        } catch (SQLException e) {
            throw Jdbc.fail("Reading the latest runs of " + source, e);
        }
    }

    public Optional<RunRecord> find(long id) {
        return query("SELECT " + COLUMNS + " FROM sync_run WHERE id = ?", id).stream().findFirst();
    }

    private List<RunRecord> query(String sql, long param) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, param);
            List<RunRecord> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) runs.add(row(rs));
            }
            return runs;
        } catch (SQLException e) {
            throw Jdbc.fail("Reading runs", e);
        }
    }

    private static RunRecord row(ResultSet rs) throws SQLException {
        return new RunRecord(rs.getLong("id"), rs.getString("source"), rs.getString("trigger"),
                Jdbc.getInstant(rs, "started_at"), Jdbc.getInstant(rs, "finished_at"), rs.getString("status"),
                new RunCounts(rs.getLong("records_read"), rs.getLong("records_written"),
                        rs.getLong("records_unchanged"), rs.getLong("records_failed"), rs.getLong("records_skipped")),
                rs.getString("error"));
    }
}
