package io.sessionsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `mappings check` of the real folder, and loading it from a folder, a file: URL, the classpath and a jar. */
class MappingRegistryTest {

    @Test
    void the_real_mappings_folder_is_valid_and_complete() {
        MappingRegistry r = MappingRegistry.load("mappings");
        assertThat(r.sources()).extracting(SourceMapping::source, SourceMapping::object).containsExactlyInAnyOrder(
                tuple("salesforce", "SOSSession"), tuple("salesforce", "MessagingSession"),
                tuple("salesforce", "EngagementInteraction"), tuple("evovoice", "Session"), tuple("twilio-proxy", "Session"));
        assertThat(r.targets()).extracting(TargetMapping::target, TargetMapping::object, TargetMapping::key)
                .containsExactly(tuple("salesforce", "EngagementInteraction", "ExternalIdentifier"));
        assertThat(r.source("twilio-proxy", "Session").orElseThrow().file()).isEqualTo("mappings/twilio-proxy-session.yaml");
        assertThat(r.source("twilio-proxy", "Nope")).isEmpty();
        assertThat(r.target("salesforce", "Nope")).isEmpty();
    }

    @Test
    void loads_from_a_file_url() {
        MappingRegistry r = MappingRegistry.load("file:" + Path.of("mappings").toAbsolutePath());
        assertThat(r.sources()).hasSize(5);
    }

    @Test
    void loads_from_the_classpath() {
        MappingRegistry r = MappingRegistry.load("classpath:mappings");
        assertThat(r.sources()).hasSize(5);
        assertThat(r.targets()).hasSize(1);
        assertThat(r.source("evovoice", "Session").orElseThrow().file()).isEqualTo("classpath:mappings/evovoice-session.yaml");
    }

    @Test
    void loads_from_the_classpath_inside_a_jar(@TempDir Path tmp) throws IOException {
        Path jar = tmp.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.list(Path.of("mappings"))) {
            out.putNextEntry(new JarEntry("mappings/"));
            out.closeEntry();
            for (Path p : files.toList()) {
                out.putNextEntry(new JarEntry("mappings/" + p.getFileName()));
                Files.copy(p, (OutputStream) out);
                out.closeEntry();
            }
        }
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Thread.currentThread().setContextClassLoader(cl);
            MappingRegistry r = MappingRegistry.load("classpath:mappings");
            assertThat(r.sources()).hasSize(5);
            assertThat(r.targets()).hasSize(1);
            MappingRegistry again = MappingRegistry.load("classpath:mappings");  // the jar file system was closed
            assertThat(again.sources()).hasSize(5);
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }
}
