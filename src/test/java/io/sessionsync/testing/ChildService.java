package io.sessionsync.testing;

import io.sessionsync.reliability.SyncProcess;
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
    private final Path log;

    private ChildService(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public Process process() {
        return process;
    }

    /** What the child printed so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    public static ChildService start(String name, List<String> jvmOptions, Map<String, String> settings) throws IOException {
        return start(name, jvmOptions, settings, Map.of());
    }

    /** With these environment variables set for the child. */
    public static ChildService start(String name, List<String> jvmOptions, Map<String, String> settings,
                                     Map<String, String> environment) throws IOException {
        return start(name, jvmOptions, settings, environment, true);
    }

    /**
     * {@code session-sync --config <file> run} without {@code --sandbox}: no simulators of its own, so
     * several children can share simulators the test runs (their URLs given in {@code settings}).
     */
    public static ChildService startWithoutSandbox(String name, List<String> jvmOptions, Map<String, String> settings) throws IOException {
        return start(name, jvmOptions, settings, Map.of(), false);
    }

    private static ChildService start(String name, List<String> jvmOptions, Map<String, String> settings,
                                      Map<String, String> environment, boolean sandbox) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "it-logs"));
        Path config = logs.resolve(name + ".properties");
        Properties p = new Properties();
        p.setProperty("sessionsync.salesforce.subscribe.enabled", "false"); // on in the sandbox; tests of it switch it on
        p.putAll(settings);
        try (var out = Files.newOutputStream(config)) {
            p.store(out, name);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", SyncProcess.classpath(), "io.sessionsync.cli.SessionSyncCli"));
        if (sandbox) cmd.add("--sandbox");
        cmd.addAll(List.of("--config", config.toAbsolutePath().toString(), "run"));
        File log = logs.resolve(name + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log));
        builder.environment().putAll(environment);
        return new ChildService(builder.start(), log.toPath());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
