package io.sessionsync.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every mapping file of a folder, parsed, validated and compiled once. Loading stops at the first
 * bad file with a {@link MappingException} naming file and line. Immutable and thread-safe.
 */
public final class MappingRegistry {
    private static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";

    private final String location;
    private final List<SourceMapping> sources;
    private final List<TargetMapping> targets;
    private final Map<String, SourceMapping> sourceIndex = new HashMap<>();
    private final Map<String, TargetMapping> targetIndex = new HashMap<>();

    private MappingRegistry(String location, List<SourceMapping> sources, List<TargetMapping> targets) {
        this.location = location;
        this.sources = List.copyOf(sources);
        this.targets = List.copyOf(targets);
        for (SourceMapping s : sources) sourceIndex.put(s.source() + "/" + s.object(), s);
        for (TargetMapping t : targets) targetIndex.put(t.target() + "/" + t.object(), t);
    }

    /**
     * Loads all {@code *.yaml} of a folder: {@code classpath:mappings} (also inside a jar),
     * {@code file:/some/dir}, or a plain folder path.
     */
    public static MappingRegistry load(String location) {
        return load(location, PhoneNumbers.DEFAULT_REGION);
    }

    /**
     * As {@link #load(String)}, reading {@code type: phone} numbers without a country code in
     * {@code phoneRegion} (a two-letter region code, {@code sessionsync.mappings.phone-region}).
     */
    public static MappingRegistry load(String location, String phoneRegion) {
        PhoneNumbers phones = new PhoneNumbers(phoneRegion);
        if (location.startsWith(CLASSPATH)) return loadClasspath(location, phones);
        Path dir = Path.of(location.startsWith(FILE) ? fileUriPath(location) : location);
        if (!Files.isDirectory(dir)) throw new MappingException(location, 0, "not a folder of mapping files");
        return loadDir(dir, dir.toString().replace('\\', '/') + "/", phones);
    }

    public List<SourceMapping> sources() { return sources; }
    public List<TargetMapping> targets() { return targets; }

    /**
     * Refuses a registry that lacks a mapping an enabled source or target needs: without it, every
     * record would be dead-lettered at run time although the files all parsed.
     *
     * @return this registry, when it has every mapping asked for
     * @throws MappingException naming the first missing mapping, its source and the setting that enabled it
     */
    public MappingRegistry require(List<RequiredMapping> required) {
        for (RequiredMapping r : required) {
            boolean present = "source".equals(r.kind()) ? source(r.name(), r.object()).isPresent() : target(r.name(), r.object()).isPresent();
            if (!present) {
                throw new MappingException(location, 0, r.kind() + " " + r.name() + " is enabled (" + r.enabledBy()
                        + ") but has no mapping file for object " + r.object() + ": add a *.yaml with '" + r.kind() + ": "
                        + r.name() + "' and 'object: " + r.object() + "', or switch the " + r.kind() + " off");
            }
        }
        return this;
    }

    public Optional<SourceMapping> source(String source, String object) {
        return Optional.ofNullable(sourceIndex.get(source + "/" + object));
    }

    public Optional<TargetMapping> target(String target, String object) {
        return Optional.ofNullable(targetIndex.get(target + "/" + object));
    }

    private static String fileUriPath(String location) {
        String rest = location.substring(FILE.length());
        return rest.startsWith("/") ? Path.of(URI.create(location)).toString() : rest;  // file:relative/dir too
    }

    private static MappingRegistry loadClasspath(String location, PhoneNumbers phones) {
        String folder = location.substring(CLASSPATH.length()).replaceAll("^/+|/+$", "");
        ClassLoader cl = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : MappingRegistry.class.getClassLoader();
        URL url = cl.getResource(folder);
        if (url == null) throw new MappingException(location, 0, "no such folder on the classpath");
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                boolean opened = false;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                try {
                    return loadDir(fs.getPath(folder), CLASSPATH + folder + "/", phones);
                } finally {
                    if (opened) fs.close();
                }
            }
            return loadDir(Path.of(uri), CLASSPATH + folder + "/", phones);
        } catch (URISyntaxException | IOException e) {
            throw new MappingException(location, 0, "cannot list the folder: " + e.getMessage());
        }
    }

    private static MappingRegistry loadDir(Path dir, String displayPrefix, PhoneNumbers phones) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new MappingException(displayPrefix, 0, "cannot list the folder: " + e.getMessage());
        }
        if (files.isEmpty()) throw new MappingException(displayPrefix, 0, "no *.yaml mapping files here");
        List<SourceMapping> sources = new ArrayList<>();
        List<TargetMapping> targets = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Path p : files) {
            String name = displayPrefix + p.getFileName();
            String text;
            try {
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name, e);
            }
            YamlNode root = YamlNode.parse(name, text);
            Map<String, YamlNode[]> header = root.entries("a mapping file");
            boolean isSource = header.containsKey("source");
            if (isSource == header.containsKey("target")) throw root.error("a mapping file starts with either source: or target:");
            String kind = isSource ? "source" : "target";
            String key = kind + " " + header.get(kind)[1].text(kind) + "/" + (header.containsKey("object") ? header.get("object")[1].text("object") : "");
            if (seen.containsKey(key)) {
                YamlNode at = header.containsKey("object") ? header.get("object")[1] : root;
                throw at.error(key + " is already mapped by " + seen.get(key));
            }
            seen.put(key, name);
            if (isSource) sources.add(SourceMappingCompiler.compile(root, phones));
            else targets.add(TargetMappingCompiler.compile(root));
        }
        return new MappingRegistry(displayPrefix, sources, targets);
    }
}
