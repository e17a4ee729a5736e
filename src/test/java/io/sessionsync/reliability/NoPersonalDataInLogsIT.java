package io.sessionsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync of Evo Voice sessions (customer names and phone numbers) in a child process, whose store
 * connections are killed again and again mid-run as in {@link DatabaseOutageIT}: failed batches,
 * broken pooled connections, retries. Everything the process printed (our logs, HikariCP's,
 * PgJDBC's, Camel's) is then searched for the customers' names and phone numbers.
 */
class NoPersonalDataInLogsIT {
    static final int SESSIONS = 3000;

    @TempDir Path dir;
    PgSchema schema;
    String appName;
    Process process;

    @BeforeEach
    void schema() {
        schema = PgSchema.create();
        appName = "pii-" + schema.name;
    }

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) process.destroyForcibly().waitFor();
        if (schema != null) schema.close();
    }

    @Test
    void an_outage_run_logs_no_customer_name_or_phone_number() throws Exception {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("sessionsync.store.url", schema.url(appName));
        s.put("sessionsync.store.user", PgSchema.USER);
        s.put("sessionsync.sandbox.sessions-per-source", String.valueOf(SESSIONS));
        s.put("sessionsync.sandbox.broken-share", "0");
        s.put("sessionsync.twilio.enabled", "false");
        s.put("sessionsync.salesforce.source.enabled", "false");
        s.put("sessionsync.salesforce.target.enabled", "false");
        s.put("sessionsync.evovoice.initial-lookback", "90d");
        s.put("sessionsync.retry.max-attempts", "10");
        s.put("sessionsync.retry.initial-delay-ms", "1");
        s.put("sessionsync.retry.max-delay-ms", "20");
        Path config = SyncProcess.config(dir, appName, s);
        Path log = Path.of("target", "it-logs", config.getFileName() + ".log");
        Files.deleteIfExists(log);

        process = SyncProcess.start(config, "sync", "evovoice");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> !process.isAlive() || sessions() >= SESSIONS / 10);
        assertThat(process.isAlive()).as("the run was still going when the database went away").isTrue();
        // The outage strikes while a batch of INSERTs is in flight: the test holds the session table,
        // so the child's next batch waits on it, and then its connections are killed under it.
        int killed = 0;
        try (Connection holder = schema.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE session IN EXCLUSIVE MODE");
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !process.isAlive() || writesWaiting() > 0);
            assertThat(process.isAlive()).isTrue();
            Instant until = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(until) && process.isAlive()) killed += terminateConnections();
            holder.rollback();
        }
        assertThat(killed).isPositive();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();

        // A second run catches up, so the store holds every session's customer to search the log for.
        process = SyncProcess.start(config, "sync", "evovoice");
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(sessions()).isEqualTo(SESSIONS);

        String printed = Files.readString(log);
        assertThat(printed).as("the outage left its marks in the log").contains("failed transiently").contains("SQLState 57P01");
        Set<String> personal = new TreeSet<>();
        try (Connection c = schema.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT customer_name, customer_phone FROM session")) {
            while (rs.next()) {
                if (rs.getString(1) != null) personal.add(rs.getString(1));
                if (rs.getString(2) != null) personal.add(rs.getString(2));
            }
        }
        assertThat(personal).as("the sessions carry names and phone numbers").hasSizeGreaterThan(100);
        for (String value : personal) {
            assertThat(printed).as("personal data in the log").doesNotContain(value);
        }
    }

    /** The child's statements waiting on a lock: its INSERT batch, blocked behind the test's LOCK TABLE. */
    private long writesWaiting() throws Exception {
        try (Connection c = DriverManager.getConnection(PgSchema.URL, PgSchema.USER, "");
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity"
                     + " WHERE application_name = ? AND wait_event_type = 'Lock'")) {
            ps.setString(1, appName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long sessions() {
        try {
            return schema.count("SELECT COUNT(*) FROM session");
        } catch (Exception e) {
            return 0; // not migrated yet
        }
    }

    /**
     * Ends the child's pooled store connections (and only those): the run lock's session is spared,
     * so that the run goes on writing batches through the outage instead of stopping at once.
     */
    private int terminateConnections() throws Exception {
        try (Connection c = DriverManager.getConnection(PgSchema.URL, PgSchema.USER, "");
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE application_name = ? AND pid <> pg_backend_pid()"
                     + " AND pid NOT IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory')")) {
            ps.setString(1, appName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
