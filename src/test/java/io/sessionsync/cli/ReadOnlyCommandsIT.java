package io.sessionsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.reliability.SyncProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a store a real sandbox sync wrote, {@code runs}, {@code dead-letters list} and {@code dead-letters show}
 * answer from the store alone: their JVM never loads a class of Camel (so no route, simulator, HTTP server
 * or Quartz scheduler can have started), while the sync before them did.
 */
class ReadOnlyCommandsIT {
    @TempDir Path work;

    record Result(int exit, String output, List<String> camelClasses) {}

    /** {@code session-sync --sandbox --config store.properties ARGS} in a child JVM that logs every class it loads. */
    private Result cli(String... args) throws Exception {
        Path config = work.resolve("store.properties");
        if (!Files.exists(config)) {
            Files.writeString(config, "sessionsync.store.url = jdbc:h2:file:" + work.resolve("store").toAbsolutePath()
                    + "\nsessionsync.sandbox.sessions-per-source = 200\nsessionsync.sandbox.broken-share = 0.1\n");
        }
        Path classes = work.resolve("classes-" + String.join("-", args).replaceAll("[^a-z0-9-]", "") + ".log");
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xlog:class+load=info:file=" + classes, "-cp", SyncProcess.classpath(),
                "io.sessionsync.cli.SessionSyncCli", "--sandbox", "--config", config.toString()));
        argv.addAll(List.of(args));
        Path log = work.resolve("out.log");
        Process p = new ProcessBuilder(argv).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", args)).isTrue();
        List<String> camel = Files.readAllLines(classes).stream().filter(l -> l.contains(" org.apache.camel.")).toList();
        return new Result(p.exitValue(), Files.readString(log), camel);
    }

    @Test
    void read_only_commands_answer_from_a_synced_store_without_loading_camel() throws Exception {
        Result sync = cli("sync", "all");
        assertThat(sync.exit()).as(sync.output()).isZero();
        assertThat(sync.camelClasses()).as("the sync itself runs on Camel").isNotEmpty();

        Result runs = cli("runs", "--limit", "5");
        assertThat(runs.exit()).as(runs.output()).isZero();
        assertThat(runs.output()).contains("twilio-proxy").contains("evovoice").contains("salesforce").contains("succeeded");
        assertThat(runs.camelClasses()).as("classes of Camel loaded by `runs`").isEmpty();

        Result list = cli("dead-letters", "list", "--limit", "5");
        assertThat(list.exit()).as(list.output()).isZero();
        assertThat(list.output()).contains("pending").containsPattern("showing 5 of \\d+ dead letters");
        assertThat(list.camelClasses()).as("classes of Camel loaded by `dead-letters list`").isEmpty();

        Matcher firstId = Pattern.compile("(?m)^\\s+(\\d+)\\s{2}").matcher(list.output());
        assertThat(firstId.find()).as(list.output()).isTrue();
        Result show = cli("dead-letters", "show", firstId.group(1));
        assertThat(show.exit()).as(show.output()).isZero();
        assertThat(show.output()).contains("\"id\" : " + firstId.group(1)).contains("\"payload\"");
        assertThat(show.camelClasses()).as("classes of Camel loaded by `dead-letters show`").isEmpty();
    }
}
