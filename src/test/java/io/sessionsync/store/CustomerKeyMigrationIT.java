package io.sessionsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** V7 on a PostgreSQL store that already holds sessions: text JSON becomes jsonb, old rows get a customer key. */
class CustomerKeyMigrationIT {
    private TestPostgres pg;

    @BeforeEach
    void schema() {
        pg = TestPostgres.freshSchema("it_v5");
    }

    @AfterEach
    void drop() throws Exception {
        pg.close();
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(pg.url(), TestPostgres.USER, "")
                .locations("classpath:db/migration/postgresql").target(target).load();
    }

    @Test
    void rows_stored_before_v7_keep_their_json_and_are_keyed_by_an_e164_phone_else_their_contact_id() throws Exception {
        flyway("6").migrate();
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            String cols = "(source, source_id, channel, status, direction, source_updated_at, content_hash, synced_at,"
                    + " customer_phone, customer_contact_id, participants, attributes) VALUES ";
            String row = "'UNKNOWN', 'UNKNOWN', 'UNKNOWN', now(), 'h', now(), ";
            st.execute("INSERT INTO session " + cols + "('evovoice', 'E1', " + row + "'+14155550123', NULL, '[{\"identity\":\"+14155550123\"}]', '{\"a\":1}')");
            st.execute("INSERT INTO session " + cols + "('salesforce', 'S1', " + row + "'(415) 555-0123', '003X', NULL, NULL)");
            st.execute("INSERT INTO session " + cols + "('evovoice', 'E2', " + row + "NULL, NULL, NULL, NULL)");
        }

        flyway("latest").migrate();

        assertThat(pg.queryLong("SELECT count(*) FROM session WHERE source_id = 'E1' AND customer_key = '+14155550123'"
                + " AND participants @> '[{\"identity\":\"+14155550123\"}]' AND (attributes->>'a')::int = 1")).isEqualTo(1);
        assertThat(pg.queryLong("SELECT count(*) FROM session WHERE source_id = 'S1' AND customer_key = 'salesforce:003X'")).isEqualTo(1);
        assertThat(pg.queryLong("SELECT count(*) FROM session WHERE source_id = 'E2' AND customer_key IS NULL")).isEqualTo(1);
    }
}
