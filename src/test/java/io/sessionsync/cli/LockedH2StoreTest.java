package io.sessionsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessionsync.store.Database;
import io.sessionsync.store.StoreSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An embedded H2 store is one process's at a time: while {@code run} holds it, a CLI command cannot open
 * it. The error must say so and what to do, instead of H2's bare "file is locked".
 */
class LockedH2StoreTest {
    @TempDir Path dir;
    Process holder;

    @AfterEach
    void release() throws Exception {
        if (holder != null) {
            holder.getOutputStream().close();  // the shell ends at end of input, closing the database
            holder.destroy();
            holder.waitFor();
        }
    }

    @Test
    void a_cli_command_on_an_h2_store_another_process_holds_says_what_to_do() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        try (Database db = Database.open(new StoreSettings(url, "sa", "", 2))) {
            // creates the schema, then lets go
        }
        Path config = dir.resolve("test.properties");
        Files.writeString(config, "sessionsync.store.url = " + url + "\nsessionsync.store.user = sa\n");

        // Another process (standing in for `session-sync run`) holds the store: H2's own shell, waiting for input.
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                "org.h2.tools.Shell", "-url", url, "-user", "sa", "-password", "").redirectErrorStream(true).start();
        CompletableFuture<Boolean> connected = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
                for (int c; (c = r.read()) != -1; ) {
                    if (c == '>') return true;  // the "sql>" prompt: connected
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        await().atMost(Duration.ofMinutes(1)).until(connected::isDone);
        assertThat(connected.get()).as("the H2 shell connected").isTrue();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SessionSyncCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("--config", config.toString(), "runs");

        assertThat(code).isNotZero();
        assertThat(err.toString())
                .contains("is in use by another process")
                .contains("stop `session-sync run`")
                .contains("admin API")
                .contains("PostgreSQL")
                .contains("sessionsync.store.url")
                .doesNotContain("\tat ");
        assertThat(List.of(err.toString().split("\n"))).as("one line").hasSize(1);
    }
}
