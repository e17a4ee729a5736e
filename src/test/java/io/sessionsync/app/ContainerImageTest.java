package io.sessionsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.config.Settings;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.main.MainConfigurationProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile and the ./session-sync wrapper agree with the code, without needing docker: the jar
 * the build stage makes is the one the image copies and runs, the ports it exposes are the service's,
 * its health check asks the readiness endpoint on the management port, it runs as a non-root user,
 * and both exit on OutOfMemoryError so a supervisor restarts the service (issue #9, "The public port").
 */
class ContainerImageTest {
    static List<String> instructions;
    static String dockerfile;

    @BeforeAll
    static void read() throws Exception {
        dockerfile = Files.readString(Path.of("Dockerfile"));
        // One instruction per entry: continuation lines joined, comments dropped.
        instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && current.isEmpty())) continue;
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            current.append(t);
            if (!current.isEmpty()) instructions.add(current.toString().replaceAll("\\s+", " "));
            current.setLength(0);
        }
    }

    @Test
    void the_image_runs_the_jar_the_build_makes() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertThat(finalName.find()).isTrue();
        String jar = "target/" + finalName.group(1) + ".jar";
        String copy = only("COPY --from=build");
        assertThat(copy).contains("/src/" + jar);
        String target = copy.substring(copy.lastIndexOf(' ') + 1);
        assertThat(only("ENTRYPOINT")).contains("\"-jar\", \"" + target + "\"");
        assertThat(only("CMD")).contains("\"run\"");
        // The wrapper runs the same jar.
        assertThat(Files.readString(Path.of("session-sync"))).contains("jar=\"$here/" + jar + "\"");
    }

    @Test
    void the_image_exposes_the_public_and_the_management_port_and_checks_readiness_there() throws Exception {
        Properties app = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("config/application.properties"))) {
            app.load(r);
        }
        String publicPort = app.getProperty("camel.server.port").trim();
        Map<String, String> env = env();
        String managementPort = env.get(Settings.MANAGEMENT_PORT.envName());
        assertThat(managementPort).as("the image sets " + Settings.MANAGEMENT_PORT.envName()).isNotBlank();
        assertThat(Settings.MANAGEMENT_PORT.check().test(managementPort)).isTrue();
        assertThat(managementPort).isNotEqualTo(publicPort);
        assertThat(env).containsKey(Settings.MANAGEMENT_HOST.envName());

        assertThat(Arrays.asList(only("EXPOSE").substring("EXPOSE ".length()).split(" ")))
                .containsExactlyInAnyOrder(publicPort, managementPort);

        String healthPath = new MainConfigurationProperties().httpManagementServer().getHealthPath();
        assertThat(only("HEALTHCHECK")).contains("http://127.0.0.1:" + managementPort + healthPath + "/ready");
    }

    @Test
    void the_image_runs_as_a_non_root_user() {
        String user = only("USER").substring("USER ".length()).trim();
        assertThat(user).isNotIn("root", "0", "0:0");
        // The user exists in the image and owns the working directory (the embedded store writes ./data).
        assertThat(instructions).anyMatch(i -> i.startsWith("RUN useradd") && i.contains("--uid " + user) && i.contains("chown"));
    }

    @Test
    void the_image_and_the_wrapper_exit_on_out_of_memory() throws Exception {
        assertThat(only("ENTRYPOINT")).contains("\"-XX:+ExitOnOutOfMemoryError\"");
        // The wrapper starts java in more than one way (with or without a class-data archive): each one
        // hands it the same options, which begin with the flag (WrapperScriptTest runs them all).
        String wrapper = Files.readString(Path.of("session-sync"));
        assertThat(wrapper).containsPattern("java_opts=\\(-XX:\\+ExitOnOutOfMemoryError ");
        assertThat(wrapper.lines().filter(l -> l.strip().matches("(exec )?java .*")).toList())
                .isNotEmpty().allMatch(l -> l.contains("java \"${java_opts[@]}\""));
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        for (String i : instructions) {
            if (!i.startsWith("ENV ")) continue;
            for (String pair : i.substring(4).trim().split(" ")) {
                int eq = pair.indexOf('=');
                if (eq > 0) env.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return env;
    }

    /** The one instruction of the final stage starting with {@code prefix}. */
    private static String only(String prefix) {
        int lastFrom = 0;
        for (int i = 0; i < instructions.size(); i++) if (instructions.get(i).startsWith("FROM ")) lastFrom = i;
        List<String> found = instructions.subList(lastFrom, instructions.size()).stream().filter(i -> i.startsWith(prefix)).toList();
        assertThat(found).as("Dockerfile instructions starting with " + prefix).hasSize(1);
        return found.get(0);
    }
}
