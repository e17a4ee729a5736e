package io.sessionsync.store;

import static io.sessionsync.store.SqlColumn.Type.TEXT;
import static io.sessionsync.store.SqlColumn.Type.TIMESTAMP;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Source pages whose records are all stored (table {@code stored_page}, migration V9): per source and
 * page key, the digest of the ids and versions the page listed when it was last written in full. The
 * store never deletes a session nor moves one back to an older version, so when a page lists exactly
 * the same ids and versions again, every one of them is still stored: the pipeline counts the page
 * unchanged with one keyed lookup instead of looking up each record's version.
 */
public final class StoredPages {
    private static final List<SqlColumn> COLUMNS = List.of(SqlColumn.of("source", TEXT), SqlColumn.of("page_key", TEXT),
            SqlColumn.of("digest", TEXT), SqlColumn.of("saved_at", TIMESTAMP));

    private final Database db;
    private final String saveSql;

    public StoredPages(Database db) {
        this.db = db;
        this.saveSql = db.dialect().guardedUpsert("stored_page", COLUMNS, List.of("source", "page_key"), null);
    }

    /** Whether the page was last written in full with this digest. */
    public boolean holds(String source, String pageKey, String digest) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT digest FROM stored_page WHERE source = ? AND page_key = ?")) {
            ps.setString(1, source);
            ps.setString(2, pageKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && digest.equals(rs.getString(1));
            }
        } catch (SQLException e) {
            throw Jdbc.fail("Reading stored page " + pageKey + " of " + source, e);
        }
    }

    /** Records that every record the page listed (as {@code digest} sums them up) is now stored. */
    public void save(String source, String pageKey, String digest) {
        try {
            Jdbc.inRetriedTransaction(db.dataSource(), c -> {
                try (PreparedStatement ps = c.prepareStatement(saveSql)) {
                    ps.setString(1, source);
                    ps.setString(2, pageKey);
                    ps.setString(3, digest);
                    Jdbc.setInstant(ps, 4, Jdbc.now());
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw Jdbc.fail("Saving stored page " + pageKey + " of " + source, e);
        }
    }
}
