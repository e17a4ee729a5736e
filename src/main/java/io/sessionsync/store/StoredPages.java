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

    /** A page of a source, placed by its key, and the digest of what it listed. */
    public record Page(String source, String key, String digest) {}

    private final Database db;
    private final String saveSql;

    public StoredPages(Database db) {
        this.db = db;
        this.saveSql = db.dialect().guardedUpsert("stored_page", COLUMNS, List.of("source", "page_key"), null);
    }

    /** Whether the page was last written in full with this digest. */
    public boolean holds(Page page) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT digest FROM stored_page WHERE source = ? AND page_key = ?")) {
            ps.setString(1, page.source());
            ps.setString(2, page.key());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && page.digest().equals(rs.getString(1));
            }
        } catch (SQLException e) {
            throw Jdbc.fail("Reading stored page " + page.key() + " of " + page.source(), e);
        }
    }

    /** Records that every record the page listed (as its digest sums them up) is now stored. */
    public void save(Page page) {
        try {
            Jdbc.inRetriedTransaction(db.dataSource(), c -> save(c, page));
        } catch (SQLException e) {
            throw Jdbc.fail("Saving stored page " + page.key() + " of " + page.source(), e);
        }
    }

    /** As {@link #save(Page)}, in the caller's transaction. */
    int save(Connection c, Page page) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(saveSql)) {
            ps.setString(1, page.source());
            ps.setString(2, page.key());
            ps.setString(3, page.digest());
            Jdbc.setInstant(ps, 4, Jdbc.now());
            return ps.executeUpdate();
        }
    }
}
