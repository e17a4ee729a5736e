package io.sessionsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The real application (Camel Main, YAML routes, sandbox simulators, PostgreSQL store) with the
 * Twilio Proxy schedule firing every second: the Quartz route runs the source, each fire is a
 * recorded {@code schedule} run, runs of one source never overlap, and only the first run writes.
 */
class SchedulesIT extends CamelMainTestSupport {
    private static final TestPostgres PG = TestPostgres.freshSchema("it_schedules");
    private static final Path CONFIG = config();

    private static Path config() {
        try {
            Path file = Files.createTempFile("schedules", ".properties");
            file.toFile().deleteOnExit();
            Files.writeString(file, "sessionsync.store.url = " + PG.url() + "\n"
                    + "sessionsync.store.user = " + TestPostgres.USER + "\n"
                    + "sessionsync.sandbox.enabled = true\n"
                    + "sessionsync.sandbox.sessions-per-source = 500\n"
                    + "sessionsync.twilio.enabled = true\n"
                    + "sessionsync.twilio.cron = 0/1 * * * * ?\n"
                    + "sessionsync.evovoice.enabled = false\n"
                    + "sessionsync.salesforce.source.enabled = false\n"
                    + "sessionsync.salesforce.target.enabled = false\n"
                    + "camel.server.enabled = false\n");
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void dropSchema() throws Exception {
        PG.close();
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:" + CONFIG + ",classpath:config/application.properties";
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern(SessionSyncApplication.ONE_OFF_ROUTES);
        configuration.addConfiguration(SessionSyncConfiguration.class);
    }

    @Test
    void should_run_the_twilio_source_on_its_schedule_without_overlapping_runs() throws Exception {
        NotifyBuilder threeFires = new NotifyBuilder(context).fromRoute("schedule-twilio-proxy").whenCompleted(3).create();
        assertThat(threeFires.matches(60, TimeUnit.SECONDS)).as("three scheduled runs completed").isTrue();

        List<Timestamp[]> runs = new ArrayList<>();
        try (var c = PG.connect(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("select started_at, finished_at, records_written, status from sync_run "
                     + "where source = 'twilio-proxy' and trigger = 'schedule' and finished_at is not null order by started_at")) {
            while (rs.next()) {
                assertThat(rs.getString("status")).isEqualTo("succeeded");
                runs.add(new Timestamp[] {rs.getTimestamp(1), rs.getTimestamp(2)});
            }
        }
        assertThat(runs).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i)[0]).as("run %d starts after run %d finished", i + 1, i).isAfterOrEqualTo(runs.get(i - 1)[1]);
        }
        long written = PG.queryLong("select sum(records_written) from sync_run where source = 'twilio-proxy'");
        assertThat(written).isEqualTo(PG.queryLong("select count(*) from session where source = 'twilio-proxy'"));
        assertThat(PG.queryLong("select count(*) from sync_run where source = 'twilio-proxy' and records_written > 0")).isEqualTo(1);
    }
}
