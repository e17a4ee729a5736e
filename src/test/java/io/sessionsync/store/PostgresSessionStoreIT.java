package io.sessionsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.Participant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SessionStore on the local PostgreSQL, in a fresh random schema per test. */
class PostgresSessionStoreIT extends SessionStoreContract {
    private final String schema = TestDatabases.randomSchema();

    @Override
    protected Database openDatabase() {
        return TestDatabases.postgres(schema);
    }

    @Test
    void participants_and_attributes_are_jsonb_that_sql_can_query() throws Exception {
        CanonicalSession s = Sessions.full("KC1", Sessions.T0).toBuilder()
                .participants(List.of(new Participant("+14155550103", "Ann", null, "+14155559999"))).build();
        store.upsert(List.of(s));

        try (Connection c = db.dataSource().getConnection()) {
            assertThat(strings(c, "SELECT column_name || ':' || data_type FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND table_name = 'session'"
                    + " AND column_name IN ('participants', 'attributes') ORDER BY column_name"))
                    .containsExactly("attributes:jsonb", "participants:jsonb");
            assertThat(strings(c, "SELECT source_id FROM session WHERE participants @> '[{\"identity\": \"+14155550103\"}]'"
                    + " AND attributes->>'serviceSid' = 'KS123'")).containsExactly("KC1");
            // the real and the masked number stay apart
            assertThat(strings(c, "SELECT p->>'proxyIdentity' FROM session, jsonb_array_elements(participants) p"))
                    .containsExactly("+14155559999");
        }
        assertThat(store.find("twilio-proxy", "KC1")).contains(s);
    }

    @Test
    void customer_key_phone_external_key_and_start_are_indexed() throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(strings(c, "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'session'"))
                    .anyMatch(d -> d.endsWith("(customer_key, started_at)"))
                    .anyMatch(d -> d.endsWith("(customer_phone)"))
                    .anyMatch(d -> d.endsWith("(external_key)"))
                    .anyMatch(d -> d.endsWith("(started_at)"));
        }
    }

    private static List<String> strings(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (db != null) db.close();
        TestDatabases.dropPostgresSchema(schema);
    }
}
