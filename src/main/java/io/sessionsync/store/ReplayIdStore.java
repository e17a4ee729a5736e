package io.sessionsync.store;

import static io.sessionsync.store.SqlColumn.Type.TEXT;
import static io.sessionsync.store.SqlColumn.Type.TIMESTAMP;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Per change event channel, the replay id of the last event whose records were written (table
 * {@code subscription_replay}, migration V8). The subscriber saves it only after the records' run
 * committed, as sources save checkpoints after their page: a crash re-reads events, never skips them.
 */
public final class ReplayIdStore {
    private static final List<SqlColumn> COLUMNS = List.of(SqlColumn.of("channel", TEXT), SqlColumn.of("replay_id", TEXT),
            SqlColumn.of("updated_at", TIMESTAMP));

    private final Database db;
    private final String saveSql;

    public ReplayIdStore(Database db) {
        this.db = db;
        this.saveSql = db.dialect().guardedUpsert("subscription_replay", COLUMNS, List.of("channel"), null);
    }

    /** The stored replay id (base64, as camel-salesforce reports it), or empty when none is. */
    public Optional<String> get(String channel) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT replay_id FROM subscription_replay WHERE channel = ?")) {
            ps.setString(1, channel);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.fail("Reading the replay id of " + channel, e);
        }
    }

    public void save(String channel, String replayId) {
        try {
            Jdbc.inRetriedTransaction(db.dataSource(), c -> {
                try (PreparedStatement ps = c.prepareStatement(saveSql)) {
                    ps.setString(1, channel);
                    ps.setString(2, replayId);
                    Jdbc.setInstant(ps, 3, Jdbc.now());
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw Jdbc.fail("Saving the replay id of " + channel, e);
        }
    }

    /** Forgets the channel's replay id (Salesforce refused it): the next subscribe starts at LATEST. */
    public void clear(String channel) {
        try {
            Jdbc.inRetriedTransaction(db.dataSource(), c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM subscription_replay WHERE channel = ?")) {
                    ps.setString(1, channel);
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw Jdbc.fail("Clearing the replay id of " + channel, e);
        }
    }
}
