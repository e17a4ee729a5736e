package io.sessionsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.reliability.SyncProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sandbox command the README and docs/ show runs verbatim: each {@code ./session-sync --sandbox ...}
 * line of a code block is run, in document order, in one fresh working directory (so they share
 * {@code ./data/sandbox} as a reader would), and must exit 0. {@code run} (the service, until stopped)
 * is the one left out.
 */
class DocsCommandsIT {
    static final String PREFIX = "./session-sync --sandbox ";

    @TempDir Path work;

    static List<String> commands() throws Exception {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> commands = new ArrayList<>();
        for (Path page : pages) {
            boolean code = false;
            for (String line : Files.readAllLines(page)) {
                if (line.startsWith("```")) code = !code;
                else if (code && line.startsWith(PREFIX)) {
                    String command = line.replaceFirst("\\s+#.*$", "").trim();
                    if (!command.equals(PREFIX + "run")) commands.add(command);
                }
            }
        }
        return commands;
    }

    @Test
    void every_sandbox_command_of_the_docs_runs_as_shown() throws Exception {
        List<String> commands = commands();
        assertThat(commands).as("the README's first command is among them").contains(PREFIX + "sync all");
        assertThat(commands.size()).isGreaterThanOrEqualTo(5);
        Path log = work.resolve("commands.log");
        for (String command : commands) {
            List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", SyncProcess.classpath(), "io.sessionsync.cli.SessionSyncCli"));
            argv.addAll(words(command.substring("./session-sync ".length())));
            Process p = new ProcessBuilder(argv).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(command).isTrue();
            assertThat(p.exitValue()).as("exit code of `%s` (output in %s):%n%s", command, log, Files.readString(log)).isZero();
        }
        assertThat(new File(work.toFile(), "data/sandbox.mv.db")).exists();
    }

    /** Splits on spaces, keeping single- or double-quoted words whole (the docs use nothing fancier). */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) quote = 0;
                else w.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (c == ' ') {
                if (any || w.length() > 0) out.add(w.toString());
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
            }
        }
        if (any || w.length() > 0) out.add(w.toString());
        return out;
    }
}
