package io.sessionsync.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * session-sync's own command line in a child JVM (same classpath as the tests), so a test can kill
 * it with SIGKILL ({@link Process#destroyForcibly()} on Linux) as a crash would.
 */
public final class SyncProcess {
    private SyncProcess() {}

    /**
     * The tests' classpath with target/classes instead of our shaded jar (failsafe's choice): the shaded
     * jar repeats every dependency next to the real ones, and the routes were then found twice.
     */
    public static String classpath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("session-sync") && name.endsWith(".jar")) {
                Path classes = Path.of(entry).resolveSibling("classes");
                if (Files.isDirectory(classes)) entry = classes.toString();
            }
            kept.add(entry);
        }
        return String.join(File.pathSeparator, kept);
    }

    /** Writes {@code settings} to a properties file for {@code --config}. */
    static Path config(Path dir, String name, Map<String, String> settings) throws IOException {
        Properties p = new Properties();
        p.putAll(settings);
        Path file = dir.resolve(name + ".properties");
        try (var out = Files.newOutputStream(file)) {
            p.store(out, "reliability test " + name);
        }
        return file;
    }

    /** Starts {@code session-sync --sandbox --config <config> <args...>}; output goes to {@code target/it-logs/}. */
    static Process start(Path config, String... args) throws IOException {
        String classpath = classpath();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                "io.sessionsync.cli.SessionSyncCli", "--sandbox", "--config", config.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Path logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        File log = logs.resolve(config.getFileName() + ".log").toFile();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    }
}
