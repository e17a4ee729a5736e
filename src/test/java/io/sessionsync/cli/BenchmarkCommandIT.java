package io.sessionsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmark command end to end on a small N: its printed counts are the rows PostgreSQL holds. */
class BenchmarkCommandIT {
    static final String PG_URL = System.getenv().getOrDefault("SESSION_SYNC_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getenv().getOrDefault("SESSION_SYNC_TEST_PG_USER", "postgres");

    String schema;

    @BeforeEach
    void postgresIsThere() {
        schema = "it_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
            c.isValid(5);
        } catch (SQLException e) {
            String why = "PostgreSQL at " + PG_URL + " is not reachable: " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(why);
            Assumptions.abort(why);
        }
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("DROP SCHEMA IF EXISTS " + schema + "_sf CASCADE");
            s.execute("DROP SCHEMA IF EXISTS " + schema + "_warm CASCADE");
        }
    }

    @Test
    void the_report_counts_match_the_rows_written_to_postgresql() throws Exception {
        StringWriter out = new StringWriter();
        var cl = SessionSyncCli.commandLine();
        cl.setOut(new PrintWriter(out));
        String sep = PG_URL.contains("?") ? "&" : "?";

        int code = cl.execute("benchmark", "--sessions", "5000", "--salesforce-sessions", "1000", "--keep", "--warm-up", "2000",
                "--store-url", PG_URL + sep + "currentSchema=" + schema, "--user", PG_USER);

        String report = out.toString();
        assertThat(code).as(report).isZero();
        long[] backfill = phase(report, "pipeline backfill");
        long[] second = phase(report, "pipeline second run");
        long[] baseline = phase(report, "plain JDBC baseline");
        long[] oldBaseline = phase(report, "JDBC b500 no rewrite");
        long[] copy = phase(report, "COPY (no upsert)");
        long[] salesforce = phase(report, "salesforce target");
        assertThat(backfill).containsExactly(5000, 5000, 0, 0);
        assertThat(second).containsExactly(5000, 0, 5000, 0);
        // written counted in the tables: with reWriteBatchedInserts the driver reports no update counts
        assertThat(baseline).containsExactly(5000, 5000, 0, 0);
        assertThat(oldBaseline).containsExactly(5000, 5000, 0, 0);
        assertThat(copy).containsExactly(5000, 5000, 0, 0);
        assertThat(salesforce).containsExactly(1000, 1000, 0, 0);

        assertThat(report).contains("simulator in a child JVM, its pages rendered before the clocks, warmed up on 2,000 sessions, untimed");
        // the warm-up wrote in a schema of its own, dropped after it: none of its rows is counted above
        assertThat(schemaExists(schema + "_warm")).isFalse();
        assertThat(count(schema + ".session")).isEqualTo(backfill[1]);
        assertThat(count(schema + ".baseline_session")).isEqualTo(baseline[1]);
        assertThat(count(schema + "_sf.session")).isEqualTo(salesforce[1]);
        assertThat(report).contains("rows in PostgreSQL: session 5,000, baseline_session 5,000, baseline_store_batch 5,000, baseline_copy 5,000");
        // a cost line per costed phase: CPU and allocation per record for each stage, then the process's CPU
        assertThat(report).containsPattern("read us/KiB +map us/KiB +store us/KiB +target us/KiB");
        assertThat(report).containsPattern("(?m)^pipeline backfill( +[\\d.]+/ *[\\d.]+){7} +[\\d.]+$");
        // 1,000 sessions in two services (pages of 500): the outbox fills every call to 200 across pages -> 5 calls.
        assertThat(report).contains("salesforce: 1,000 sessions -> 5 upsert calls + 1 login = 6 API calls, 1,000 records upserted");
        // Twilio: one list call per page of at most 1000 per service, for each run.
        assertThat(report).containsPattern("pipeline backfill .* 6\\n");
    }

    /** read, written, unchanged, failed of a phase line. */
    private static long[] phase(String report, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s").matcher(report);
        assertThat(m.find()).as("a '%s' line in:%n%s", name, report).isTrue();
        long[] v = new long[4];
        for (int i = 0; i < 4; i++) v[i] = Long.parseLong(m.group(i + 1).replace(",", ""));
        return v;
    }

    private static boolean schemaExists(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '" + name + "'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private static long count(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
