package io.sessionsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./session-sync} wrapper runs short-lived commands on the C1 compiler alone
 * ({@code -XX:TieredStopAtLevel=1}), the service ({@code run}) and {@code benchmark} on the JVM's
 * default compilers, and leaves the choice to {@code JAVA_OPTS} when it makes one. Run here with a
 * {@code java} on the PATH that prints the arguments it was given.
 */
class WrapperScriptTest {
    static final String C1 = "-XX:TieredStopAtLevel=1";

    @TempDir Path checkout;

    @BeforeEach
    void checkoutWithABuiltJarAndAFakeJava() throws Exception {
        Files.copy(Path.of("session-sync"), checkout.resolve("session-sync"));
        Files.createDirectories(checkout.resolve("target"));
        Files.writeString(checkout.resolve("target/session-sync.jar"), "");  // built, and newer than any source here
        Path bin = Files.createDirectories(checkout.resolve("bin"));
        Path java = bin.resolve("java");
        // Prints its arguments; writes a class-data archive where asked to, as the JVM does at exit; exits FAKE_EXIT.
        Files.writeString(java, """
                #!/bin/sh
                for a in "$@"; do
                  echo "$a"
                  case "$a" in -XX:ArchiveClassesAtExit=*) echo archive > "${a#-XX:ArchiveClassesAtExit=}" ;; esac
                done
                exit "${FAKE_EXIT:-0}"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The arguments the wrapper hands to java, one per element. */
    private List<String> javaArgs(String javaOpts, String... args) throws Exception {
        return javaArgs(javaOpts, 0, args);
    }

    private List<String> javaArgs(String javaOpts, int exit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", checkout.resolve("session-sync").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", checkout.resolve("bin") + ":" + env.get("PATH"));
        env.put("FAKE_EXIT", Integer.toString(exit));
        if (javaOpts == null) env.remove("JAVA_OPTS");
        else env.put("JAVA_OPTS", javaOpts);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(exit);
        return out.lines().toList();
    }

    @Test
    void short_lived_commands_run_on_c1_alone() throws Exception {
        assertThat(javaArgs(null, "--sandbox", "dead-letters", "list", "--limit", "5")).contains(C1);
        assertThat(javaArgs(null, "--sandbox", "sync", "all")).contains(C1);
        assertThat(javaArgs(null, "runs")).contains(C1);
        assertThat(javaArgs(null, "--config", "run", "sync", "all")).as("a --config file named run is no command").contains(C1);
        assertThat(javaArgs(null, "--sandbox", "sync", "all")).endsWith("-jar", checkout.resolve("target/session-sync.jar").toString(),
                "--sandbox", "sync", "all");
    }

    @Test
    void every_command_exits_on_out_of_memory_whichever_way_java_is_started() throws Exception {
        String oom = "-XX:+ExitOnOutOfMemoryError";
        assertThat(javaArgs(null, "run")).contains(oom);
        assertThat(javaArgs(null, "runs")).as("first run: writes the class-data archive").contains(oom);
        assertThat(javaArgs(null, "runs")).as("later runs: read it").contains(oom);
        assertThat(javaArgs("-Xshare:off", "runs")).as("no archive").contains(oom);
    }

    @Test
    void the_service_and_the_benchmark_keep_the_default_compilers() throws Exception {
        assertThat(javaArgs(null, "run")).doesNotContain(C1);
        assertThat(javaArgs(null, "--sandbox", "run")).doesNotContain(C1);
        assertThat(javaArgs(null, "--config", "prod.properties", "run")).doesNotContain(C1);
        assertThat(javaArgs(null, "benchmark", "--sessions", "1000")).doesNotContain(C1);
    }

    @Test
    void a_compiler_choice_in_java_opts_is_left_alone() throws Exception {
        assertThat(javaArgs("-Xmx1g -XX:-TieredCompilation", "sync", "all"))
                .contains("-Xmx1g", "-XX:-TieredCompilation").doesNotContain(C1);
        assertThat(javaArgs("-XX:TieredStopAtLevel=4", "runs")).contains("-XX:TieredStopAtLevel=4").doesNotContain(C1);
        assertThat(javaArgs("-Xmx1g", "runs")).as("other options do not count").contains("-Xmx1g", C1);
    }

    /** The class-data archive of {@code command} in target/ (one per command and JDK), or null. */
    private Path archive(String command) throws Exception {
        try (var files = Files.list(checkout.resolve("target"))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().matches("cds-" + command + "-\\d+\\.jsa")).toList();
            assertThat(found).as("at most one archive of " + command).hasSizeLessThan(2);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    @Test
    void a_short_command_writes_its_class_archive_on_its_first_good_run_and_reads_it_after() throws Exception {
        assertThat(javaArgs(null, 1, "--sandbox", "sync", "all")).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(archive("sync")).as("a failed run keeps no archive").isNull();

        assertThat(javaArgs(null, "--sandbox", "sync", "all")).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="))
                .contains("-Xlog:cds*=off");
        Path archive = archive("sync");
        assertThat(archive).exists();
        assertThat(checkout.resolve("target")).isDirectoryNotContaining("glob:**.tmp");

        assertThat(javaArgs(null, "--sandbox", "sync", "all")).contains("-XX:SharedArchiveFile=" + archive, C1)
                .noneMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(javaArgs(null, "runs")).as("one archive per command").anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void an_archive_older_than_the_jar_is_written_again() throws Exception {
        javaArgs(null, "sync", "all");
        Path archive = archive("sync");
        Files.writeString(archive, "archive of an older build");
        Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertThat(javaArgs(null, "sync", "all")).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="))
                .doesNotContain("-XX:SharedArchiveFile=" + archive);
        assertThat(archive).content().isEqualTo("archive\n");
    }

    @Test
    void a_jdk_installed_after_the_archive_was_written_or_another_jdk_gets_an_archive_of_its_own() throws Exception {
        javaArgs(null, "runs");
        Path archive = archive("runs");
        assertThat(javaArgs(null, "runs")).contains("-XX:SharedArchiveFile=" + archive);

        // the JDK updated in place: its java is newer than the archive
        Files.setLastModifiedTime(checkout.resolve("bin/java"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(javaArgs(null, "runs")).as("written again").anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
        Files.setLastModifiedTime(archive("runs"), FileTime.fromMillis(System.currentTimeMillis() + 120_000));
        assertThat(javaArgs(null, "runs")).contains("-XX:SharedArchiveFile=" + archive("runs"));

        // another JDK first on the PATH: an archive of its own, the first one kept for its JDK
        Path other = Files.createDirectories(checkout.resolve("other-jdk/bin"));
        Files.copy(checkout.resolve("bin/java"), other.resolve("java"));
        List<String> command = List.of("bash", checkout.resolve("session-sync").toString(), "runs");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PATH", other + ":" + pb.environment().get("PATH"));
        pb.environment().remove("JAVA_OPTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("-XX:ArchiveClassesAtExit=").doesNotContain("-XX:SharedArchiveFile=");
        try (var files = Files.list(checkout.resolve("target"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("cds-runs-"))).hasSize(2);
        }
    }

    @Test
    void the_service_and_class_sharing_options_in_java_opts_get_no_archive() throws Exception {
        assertThat(javaArgs(null, "run")).noneMatch(a -> a.contains("Archive"));
        assertThat(javaArgs("-Xshare:off", "sync", "all")).contains("-Xshare:off", C1).noneMatch(a -> a.contains("Archive"));
        assertThat(archive("run")).isNull();
    }
}
