package io.sessionsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.model.CanonicalSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A backfill into an empty PostgreSQL table gets planner statistics once 10,000 rows are written. */
class SessionStoreStatisticsIT {
    private final String schema = TestDatabases.randomSchema();

    @AfterEach
    void drop() throws Exception {
        TestDatabases.dropPostgresSchema(schema);
    }

    @Test
    void the_session_table_is_analyzed_once_a_backfill_wrote_ten_thousand_rows() throws Exception {
        try (Database db = TestDatabases.postgres(schema)) {
            SessionStore store = new SessionStore(db, 500);
            for (int page = 0; page < 10; page++) {
                List<CanonicalSession> sessions = new ArrayList<>();
                for (int i = 0; i < 999; i++) sessions.add(Sessions.sparse("KC" + page + "-" + i, Sessions.T0));
                store.upsert(sessions);
            }
            assertThat(lastAnalyzed(db)).as("9,990 rows written: not yet").isFalse();

            store.upsert(List.of(Sessions.sparse("KC-last-a", Sessions.T0), Sessions.sparse("KC-last-b", Sessions.T0),
                    Sessions.sparse("KC-last-c", Sessions.T0), Sessions.sparse("KC-last-d", Sessions.T0),
                    Sessions.sparse("KC-last-e", Sessions.T0), Sessions.sparse("KC-last-f", Sessions.T0),
                    Sessions.sparse("KC-last-g", Sessions.T0), Sessions.sparse("KC-last-h", Sessions.T0),
                    Sessions.sparse("KC-last-i", Sessions.T0), Sessions.sparse("KC-last-j", Sessions.T0)));

            assertThat(lastAnalyzed(db)).as("10,000 rows written").isTrue();
        }
    }

    /** Whether a (manual) ANALYZE ran on the table; pg_class.reltuples is set by it too. */
    private boolean lastAnalyzed(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT c.reltuples FROM pg_class c JOIN pg_namespace n"
                     + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = 'session'")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getFloat(1) >= 10_000;
            }
        }
    }
}
