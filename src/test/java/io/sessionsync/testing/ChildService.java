package io.sessionsync.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code session-sync --sandbox --config <file> run} in a child JVM with the JVM options a test
 * chooses (a small heap, say), on the tests' classpath with target/classes for our own jar. Output
 * goes to {@code target/it-logs/<name>.log}.
 */
public final class ChildService implements AutoCloseable {
    private final Process process;

    private ChildService(Process process) {
        this.process = process;
    }

    public static ChildService start(String name, List<String> jvmOptions, Map<String, String> settings) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "it-logs"));
        Path config = logs.resolve(name + ".properties");
        Properties p = new Properties();
        p.putAll(settings);
        try (var out = Files.newOutputStream(config)) {
            p.store(out, name);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classpath(), "io.sessionsync.cli.SessionSyncCli", "--sandbox", "--config",
                config.toAbsolutePath().toString(), "run"));
        File log = logs.resolve(name + ".log").toFile();
        return new ChildService(new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log)).start());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The shaded jar repeats every dependency, so routes would be found twice: use target/classes instead. */
    private static String classpath() {
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

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
