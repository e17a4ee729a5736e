package io.sessionsync.store;

import static io.sessionsync.store.SqlColumn.Type.TEXT;
import static io.sessionsync.store.SqlColumn.Type.TIMESTAMP;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Per (source, object) watermarks: where the next incremental read starts. */
public final class CheckpointStore {
    private static final List<SqlColumn> COLUMNS = List.of(SqlColumn.of("source", TEXT), SqlColumn.of("object", TEXT),
            SqlColumn.of("watermark", TIMESTAMP), SqlColumn.of("updated_at", TIMESTAMP));
    private static final List<String> KEY = List.of("source", "object");

    private final Database db;
    private final String advanceSql;
    private final String resetSql;

    public CheckpointStore(Database db) {
        this.db = db;
        // The guard is in SQL so that two instances finishing pages out of order still cannot move it back.
        this.advanceSql = db.dialect().guardedUpsert("sync_checkpoint", COLUMNS, KEY, "{new}.watermark > {old}.watermark");
        this.resetSql = db.dialect().guardedUpsert("sync_checkpoint", COLUMNS, KEY, null);
    }

    public Optional<Instant> get(String source, String object) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT watermark FROM sync_checkpoint WHERE source = ? AND object = ?")) {
            ps.setString(1, source);
            ps.setString(2, object);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Jdbc.getInstant(rs, "watermark")) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.fail("Reading checkpoint " + source + "/" + object, e);
        }
    }

    /** Moves the watermark forward; a watermark at or before the stored one changes nothing. */
    public void advance(String source, String object, Instant watermark) {
        write(advanceSql, source, object, watermark, "Advancing");
    }

    /** Sets the watermark, backward too: for an operator re-reading a window. */
    public void reset(String source, String object, Instant watermark) {
        write(resetSql, source, object, watermark, "Resetting");
    }

    private void write(String sql, String source, String object, Instant watermark, String verb) {
        Objects.requireNonNull(watermark, "watermark");
        try {
            Jdbc.inRetriedTransaction(db.dataSource(), c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, source);
                    ps.setString(2, object);
                    Jdbc.setInstant(ps, 3, watermark);
                    Jdbc.setInstant(ps, 4, Jdbc.now());
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw Jdbc.fail(verb + " checkpoint " + source + "/" + object, e);
        }
    }
}
