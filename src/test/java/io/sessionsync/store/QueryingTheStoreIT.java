package io.sessionsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.cli.SessionSyncCli;
import io.sessionsync.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * Every query of docs/querying.md, read from the page itself and run against a real
 * {@code session-sync --sandbox sync all} into PostgreSQL: the documented SQL is what is tested.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryingTheStoreIT {
    private static final Pattern QUERY = Pattern.compile("```sql\\n-- name: ([a-z-]+)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PARAM = Pattern.compile("(?<!:):([a-z_]+)");

    private Path dir;
    private TestPostgres pg;
    private Map<String, String> queries;

    @BeforeAll
    void syncTheSandboxIntoPostgres() throws Exception {
        queries = new LinkedHashMap<>();
        Matcher m = QUERY.matcher(Files.readString(Path.of("docs/querying.md")));
        while (m.find()) queries.put(m.group(1), m.group(2).trim());

        pg = TestPostgres.freshSchema("it_querying");
        dir = Files.createTempDirectory("querying-it");
        Path config = dir.resolve("test.properties");
        Files.writeString(config, "sessionsync.store.url = " + pg.url() + "\n"
                + "sessionsync.store.user = " + TestPostgres.USER + "\n"
                + "sessionsync.sandbox.sessions-per-source = 600\n"
                + "sessionsync.sandbox.broken-share = 0.05\n"
                + "sessionsync.retry.initial-delay-ms = 10\n");
        StringWriter out = new StringWriter();
        CommandLine cl = SessionSyncCli.commandLine();
        cl.setOut(new PrintWriter(out));
        int code = cl.execute("--sandbox", "--config", config.toString(), "sync", "all");
        assertThat(code).as(out.toString()).isZero();
        // What autovacuum does on its own a little later; the planner then knows the table's size.
        try (Connection c = pg.connect()) {
            c.createStatement().execute("ANALYZE session");
        }
    }

    @AfterAll
    void drop() throws Exception {
        if (pg != null) pg.close();
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void the_page_documents_every_query_the_issue_asks_for() {
        assertThat(queries).containsKeys("customer-timeline", "customers-in-several-systems",
                "sessions-per-channel-per-day", "open-sessions-older-than", "dead-letters-by-reason",
                "sessions-with-participant");
    }

    @Test
    void a_sampled_customers_timeline_has_sessions_from_all_three_systems_found_through_the_index() throws Exception {
        String key = sampledCustomer();

        List<Map<String, Object>> timeline = run("customer-timeline", Map.of("customer_key", key));

        assertThat(timeline).extracting(r -> r.get("source")).contains("twilio-proxy", "evovoice", "salesforce");
        List<Instant> starts = new ArrayList<>();
        for (Map<String, Object> r : timeline) if (r.get("started_at") != null) starts.add(((Timestamp) r.get("started_at")).toInstant());
        assertThat(starts).isSorted();
        assertThat(timeline).hasSize((int) pg.queryLong("SELECT count(*) FROM session WHERE customer_key = ? AND NOT deleted", key));

        String plan = plan("customer-timeline", Map.of("customer_key", key));
        assertThat(plan).contains("session_customer_key_idx").doesNotContain("Seq Scan");
    }

    @Test
    void the_customer_view_links_a_twilio_number_an_evo_voice_caller_and_a_salesforce_contact() throws Exception {
        List<Map<String, Object>> rows = run("customers-in-several-systems", Map.of());
        assertThat(rows).isNotEmpty();
        Map<String, Object> top = rows.get(0);
        assertThat((String) top.get("sources")).isEqualTo("evovoice,salesforce,twilio-proxy");
        assertThat((String) top.get("contact_ids")).startsWith("0035g00000Cu");
        assertThat((String) top.get("customer_key")).matches("\\+1415555\\d{4}");
    }

    @Test
    void sessions_per_channel_per_day_add_up_to_the_sessions_of_the_window() throws Exception {
        Timestamp from = Timestamp.from(Instant.parse("2025-01-01T00:00:00Z"));
        Timestamp to = Timestamp.from(Instant.parse("2027-01-01T00:00:00Z"));
        List<Map<String, Object>> rows = run("sessions-per-channel-per-day", Map.of("from", from, "to", to));

        long total = rows.stream().mapToLong(r -> ((Number) r.get("sessions")).longValue()).sum();
        assertThat(rows).extracting(r -> r.get("channel")).contains("VOICE", "MESSAGING");
        assertThat(total).isPositive().isEqualTo(pg.queryLong(
                "SELECT count(*) FROM session WHERE started_at >= ? AND started_at < ? AND NOT deleted", from, to));
    }

    @Test
    void open_sessions_older_than_n_hours_are_open_and_that_old() throws Exception {
        List<Map<String, Object>> rows = run("open-sessions-older-than", Map.of("hours", 24));

        assertThat(rows).isNotEmpty();
        Instant dayAgo = Instant.now().minusSeconds(24 * 3600);
        for (Map<String, Object> r : rows) {
            assertThat((String) r.get("status")).isIn("NEW", "WAITING", "ACTIVE", "ON_HOLD");
            assertThat(((Timestamp) r.get("started_at")).toInstant()).isBefore(dayAgo);
        }
        assertThat(rows).hasSize((int) pg.queryLong("SELECT count(*) FROM session WHERE ended_at IS NULL AND NOT deleted"
                + " AND status NOT IN ('ENDED', 'FAILED', 'UNKNOWN') AND started_at < ?", Timestamp.from(dayAgo)));
    }

    @Test
    void dead_letters_by_reason_count_every_pending_letter_once() throws Exception {
        List<Map<String, Object>> rows = run("dead-letters-by-reason", Map.of());

        long total = rows.stream().mapToLong(r -> ((Number) r.get("letters")).longValue()).sum();
        assertThat(total).isPositive().isEqualTo(pg.queryLong("SELECT count(*) FROM dead_letter WHERE status = 'pending'"));
        assertThat(rows).extracting(r -> r.get("stage")).contains("mapping");
    }

    @Test
    void a_customers_number_is_found_among_participants_with_the_masked_number_it_was_shown_as() throws Exception {
        String phone = sampledCustomer();
        List<Map<String, Object>> rows = run("sessions-with-participant", Map.of("phone", phone));

        assertThat(rows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("source")).isEqualTo("twilio-proxy");
            assertThat((String) r.get("shown_as")).startsWith("+1628555").isNotEqualTo(phone);
        });
    }

    /** A customer every system knows, picked by the documented view. */
    private String sampledCustomer() throws SQLException {
        try (Connection c = pg.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT customer_key FROM customer WHERE source_count = 3 ORDER BY customer_key LIMIT 1")) {
            assertThat(rs.next()).as("a customer in all three systems").isTrue();
            return rs.getString(1);
        }
    }

    private List<Map<String, Object>> run(String name, Map<String, Object> params) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = pg.connect(); PreparedStatement ps = prepare(c, queries.get(name), params);
             ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) row.put(md.getColumnLabel(i), rs.getObject(i));
                rows.add(row);
            }
        }
        return rows;
    }

    private String plan(String name, Map<String, Object> params) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = pg.connect(); PreparedStatement ps = prepare(c, "EXPLAIN " + queries.get(name), params);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) plan.append(rs.getString(1)).append('\n');
        }
        return plan.toString();
    }

    /** The documented query with each {@code :name} bound in order (a {@code ::cast} is left alone). */
    private static PreparedStatement prepare(Connection c, String sql, Map<String, Object> params) throws SQLException {
        assertThat(sql).as("query in docs/querying.md").isNotNull();
        List<Object> values = new ArrayList<>();
        Matcher m = PARAM.matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        while (m.find()) {
            assertThat(params).as("parameter :" + m.group(1)).containsKey(m.group(1));
            values.add(params.get(m.group(1)));
            m.appendReplacement(jdbc, "?");
        }
        m.appendTail(jdbc);
        PreparedStatement ps = c.prepareStatement(jdbc.toString());
        for (int i = 0; i < values.size(); i++) ps.setObject(i + 1, values.get(i));
        return ps;
    }
}
