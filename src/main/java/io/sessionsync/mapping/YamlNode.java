package io.sessionsync.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * A composed YAML node with the file it came from, so every check can say {@code file:line}. Only
 * the node graph is used (no object construction), which keeps the line of every key and value.
 */
final class YamlNode {
    final String file;
    final Node node;

    private YamlNode(String file, Node node) {
        this.file = file;
        this.node = node;
    }

    /** Composes one YAML document; malformed YAML becomes a {@link MappingException} at its line. */
    static YamlNode parse(String file, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).build();
        try {
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            Node root = composer.getSingleNode().orElseThrow(() -> new MappingException(file, 1, "the file is empty"));
            return new YamlNode(file, root);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
            throw new MappingException(file, line, "malformed YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new MappingException(file, 1, "malformed YAML: " + e.getMessage());
        }
    }

    int line() {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    MappingException error(String reason) {
        return new MappingException(file, line(), reason);
    }

    boolean isScalar() { return node instanceof ScalarNode; }
    boolean isMapping() { return node instanceof MappingNode; }
    boolean isSequence() { return node instanceof SequenceNode; }

    /** Plain YAML null ({@code ~}, {@code null} or nothing). */
    boolean isNull() {
        if (!(node instanceof ScalarNode s)) return false;
        String v = s.getValue();
        return s.isPlain() && (v.isEmpty() || v.equals("~") || v.equals("null") || v.equals("Null") || v.equals("NULL"));
    }

    /** The scalar text; {@code what} says in the error what was expected here. */
    String text(String what) {
        if (node instanceof ScalarNode s && !isNull()) return s.getValue();
        throw error(what + " must be a single value, not " + describe());
    }

    List<YamlNode> items(String what) {
        if (!(node instanceof SequenceNode s)) throw error(what + " must be a list, e.g. [a, b]");
        List<YamlNode> out = new ArrayList<>();
        for (Node n : s.getValue()) out.add(new YamlNode(file, n));
        return out;
    }

    /** Key to (key node, value node) in file order; a duplicate key is an error at its line. */
    Map<String, YamlNode[]> entries(String what) {
        if (!(node instanceof MappingNode m)) throw error(what + " must be a mapping of key: value");
        Map<String, YamlNode[]> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            YamlNode key = new YamlNode(file, t.getKeyNode());
            String name = key.text("a key in " + what);
            if (out.containsKey(name)) throw key.error("duplicate key '" + name + "' in " + what);
            out.put(name, new YamlNode[] {key, new YamlNode(file, t.getValueNode())});
        }
        return out;
    }

    /** Stops at the first key not in {@code allowed}, listing the allowed ones. */
    static void onlyKeys(Map<String, YamlNode[]> entries, Set<String> allowed, String what) {
        for (Map.Entry<String, YamlNode[]> e : entries.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue()[0].error("unknown key '" + e.getKey() + "' in " + what + "; allowed: "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    private String describe() {
        if (isNull()) return "empty";
        return node instanceof MappingNode ? "a mapping" : node instanceof SequenceNode ? "a list" : "this";
    }
}
