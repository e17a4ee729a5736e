package io.sessionsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's first command, {@code session-sync --sandbox sync all}, run through the real CLI
 * against the simulators, into PostgreSQL and into the embedded H2 default: the printed summary
 * matches the rows in the store, and a second run writes nothing.
 */
class SandboxSyncIT {
    private static final Pattern ROW = Pattern.compile("^(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)(?: +([a-z]+))?", Pattern.MULTILINE);

    @TempDir Path dir;
    private TestPostgres pg;

    @BeforeEach
    void schema() {
        pg = TestPostgres.freshSchema("it_sandbox");
    }

    @AfterEach
    void drop() throws Exception {
        pg.close();
    }

    record Row(long read, long written, long unchanged, long failed, long skipped, String status) {}

    private Map<String, Row> sync(Path config) {
        StringWriter out = new StringWriter();
        CommandLine cl = SessionSyncCli.commandLine();
        cl.setOut(new PrintWriter(out));
        int code = cl.execute("--sandbox", "--config", config.toString(), "sync", "all");
        assertThat(code).as(out.toString()).isZero();
        Map<String, Row> rows = new HashMap<>();
        Matcher m = ROW.matcher(out.toString());
        while (m.find()) {
            if (m.group(1).equals("source")) continue;
            rows.put(m.group(1), new Row(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), m.group(7)));
        }
        return rows;
    }

    private Path config(String storeUrl, String user) throws Exception {
        Path file = dir.resolve("test.properties");
        Files.writeString(file, "sessionsync.store.url = " + storeUrl + "\n"
                + "sessionsync.store.user = " + user + "\n"
                + "sessionsync.sandbox.sessions-per-source = 300\n"
                + "sessionsync.sandbox.broken-share = 0.05\n"
                + "sessionsync.retry.initial-delay-ms = 10\n");
        return file;
    }

    @Test
    void a_sandbox_sync_into_postgres_prints_what_the_store_holds_and_a_second_run_writes_nothing() throws Exception {
        Map<String, Row> first = sync(config(pg.url(), TestPostgres.USER));

        assertThat(first).containsKeys("twilio-proxy", "evovoice", "salesforce", "total");
        for (String source : new String[] {"twilio-proxy", "evovoice", "salesforce"}) {
            Row r = first.get(source);
            assertThat(r.status()).isEqualTo("succeeded");
            assertThat(r.read()).as(source + " read").isPositive();
            assertThat(r.written()).as(source + " written").isPositive();
            assertThat(pg.queryLong("select count(*) from session where source = ?", source))
                    .as(source + " rows in the store").isEqualTo(r.written());
        }
        // Deliberately broken records are not lost: each is a pending dead letter with its reason.
        assertThat(pg.queryLong("select count(*) from dead_letter where status = 'pending' and source = 'twilio-proxy'"))
                .isEqualTo(first.get("twilio-proxy").failed());
        assertThat(pg.queryLong("select count(*) from dead_letter where message is null or payload is null")).isZero();
        assertThat(pg.queryLong("select count(*) from sync_run where trigger = 'manual' and status = 'succeeded'")).isEqualTo(3);

        long rowsAfterFirst = pg.queryLong("select count(*) from session");
        Map<String, Row> second = sync(config(pg.url(), TestPostgres.USER));
        assertThat(second.get("total").written()).isZero();
        assertThat(second.get("twilio-proxy").unchanged()).isEqualTo(first.get("twilio-proxy").written());
        assertThat(pg.queryLong("select count(*) from session")).isEqualTo(rowsAfterFirst);
    }

    @Test
    void the_embedded_default_store_is_an_h2_file() throws Exception {
        Path h2 = dir.resolve("data/sandbox");
        Map<String, Row> first = sync(config("jdbc:h2:file:" + h2.toAbsolutePath(), ""));
        assertThat(first.get("total").written()).isPositive();
        assertThat(Files.exists(dir.resolve("data/sandbox.mv.db"))).isTrue();
        try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + h2.toAbsolutePath(), "", "");
             var rs = c.createStatement().executeQuery("select count(*) from session")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(first.get("total").written());
        }
    }
}
