package io.sessionsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.model.CanonicalSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The page upsert stays one statement prepared on the PostgreSQL server, whichever of its timestamps are
 * null. PgJDBC prepares a statement anew whenever a parameter's type differs from the last execution; a
 * null instant bound without a type name went as "unspecified" where a set one went as timestamptz, so
 * nearly every page of real sessions (open ones have no end) was parsed and planned afresh: a fifth of
 * PostgreSQL's CPU in a 1M backfill (perf, docs/scale.md).
 */
class PostgresPreparedUpsertIT {
    private final String schema = TestDatabases.randomSchema();

    @AfterEach
    void drop() throws Exception {
        TestDatabases.dropPostgresSchema(schema);
    }

    @Test
    void pages_whose_sessions_leave_different_timestamps_null_reuse_one_prepared_upsert() throws Exception {
        int rows = ReturningUpserts.ROWS_PER_STATEMENT;
        try (Database db = TestDatabases.postgres(schema, 2)) {
            SessionStore store = new SessionStore(db, rows);
            Random random = new Random(7);
            for (int page = 0; page < 10; page++) {
                List<CanonicalSession> sessions = new ArrayList<>();
                for (int i = 0; i < rows; i++) {
                    String id = "KC" + page + "-" + i;
                    // open sessions have no end, some not even a start: each page nulls other parameters
                    CanonicalSession.Builder session = Sessions.full(id, Sessions.T0).toBuilder();
                    if (random.nextBoolean()) session.endedAt(null);
                    if (random.nextBoolean()) session.startedAt(null);
                    sessions.add(session.build());
                }
                assertThat(store.upsert(sessions).written()).hasSize(rows);
            }

            // Prepared statements are listed per connection: both of the pool's (the upserts ran on either).
            List<Long> executions = new ArrayList<>();
            try (Connection one = db.dataSource().getConnection(); Connection other = db.dataSource().getConnection()) {
                for (Connection c : List.of(one, other)) executions.addAll(upsertExecutions(c));
            }
            // PgJDBC prepares on the server from a statement's fifth execution: pages 5 to 10 on one statement
            assertThat(executions).as("executions of each upsert statement prepared on the server").containsExactly(6L);
        }
    }

    private static List<Long> upsertExecutions(Connection c) throws Exception {
        List<Long> executions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT generic_plans + custom_plans FROM pg_prepared_statements"
                + " WHERE statement LIKE 'INSERT INTO session %'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) executions.add(rs.getLong(1));
        }
        return executions;
    }
}
