package io.hashfence.agent.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One mapping of the YAML config file, read setting by setting. The settings asked for are the known ones:
 * {@link #finish} rejects any other. Errors name the file, the setting's path and its line.
 */
final class YamlMapping {
    private final Path file;
    private final String path;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();

    private YamlMapping(Path file, String path, List<NodeTuple> entries) {
        this.file = file;
        this.path = path;
        for (NodeTuple entry : entries) {
            String key = entry.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
            if (key == null || values.put(key, entry.getValueNode()) != null) {
                throw error(entry.getKeyNode(), key == null ? "a setting name must be plain text"
                        : "setting \"" + path + key + "\" is given twice");
            }
        }
    }

    /** The file's top-level mapping; an empty file is an empty mapping. */
    static YamlMapping root(Path file, Node document) {
        if (document == null) {
            return new YamlMapping(file, "", List.of());
        }
        if (!(document instanceof MappingNode mapping)) {
            throw new ConfigException(file + ": expected settings (key: value lines)" + line(document));
        }
        return new YamlMapping(file, "", mapping.getValue());
    }

    String text(String key) {
        ScalarNode scalar = scalar(key);
        return scalar == null ? null : scalar.getValue();
    }

    Integer integer(String key) {
        return number(key, "a whole number", Integer::valueOf);
    }

    Long longInteger(String key) {
        return number(key, "a whole number", Long::valueOf);
    }

    Double decimal(String key) {
        return number(key, "a number", Double::valueOf);
    }

    Boolean bool(String key) {
        ScalarNode scalar = scalar(key);
        if (scalar == null) {
            return null;
        }
        return switch (scalar.getValue().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(scalar, path + key + ": expected true or false, got \"" + scalar.getValue() + "\"");
        };
    }

    /** The mapping under {@code key}, read by {@code reader}; null when absent. */
    <T> T mapping(String key, Function<YamlMapping, T> reader) {
        Node node = node(key);
        return node == null ? null : reader.apply(asMapping(node, path + key));
    }

    /** The list of mappings under {@code key}; a null item stays null. */
    <T> List<T> mappings(String key, Function<YamlMapping, T> reader) {
        SequenceNode sequence = sequence(key);
        if (sequence == null) {
            return null;
        }
        List<T> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(isNull(item) ? null : reader.apply(asMapping(item, path + key + "[" + items.size() + "]")));
        }
        return items;
    }

    List<String> texts(String key) {
        SequenceNode sequence = sequence(key);
        if (sequence == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (!(item instanceof ScalarNode scalar)) {
                throw error(item, path + key + "[" + items.size() + "]: expected a value, not a list or mapping");
            }
            items.add(isNull(scalar) ? null : scalar.getValue());
        }
        return items;
    }

    /** Answers {@code value}, read from this mapping, once no setting but the known ones is present. */
    <T> T finish(T value) {
        for (Map.Entry<String, Node> entry : values.entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw new ConfigException(file + ": unknown setting \"" + path + entry.getKey() + "\""
                        + line(entry.getValue()) + "; known settings " + (path.isEmpty() ? "" : "of " + path
                        .substring(0, path.length() - 1) + " ") + "are " + known);
            }
        }
        return value;
    }

    private <T> T number(String key, String expected, Function<String, T> parse) {
        ScalarNode scalar = scalar(key);
        if (scalar == null) {
            return null;
        }
        try {
            return parse.apply(scalar.getValue().trim());
        } catch (NumberFormatException e) {
            throw error(scalar, path + key + ": expected " + expected + ", got \"" + scalar.getValue() + "\"");
        }
    }

    private Node node(String key) {
        known.add(key);
        Node node = values.get(key);
        return node == null || isNull(node) ? null : node;
    }

    private ScalarNode scalar(String key) {
        Node node = node(key);
        if (node == null || node instanceof ScalarNode) {
            return (ScalarNode) node;
        }
        throw error(node, path + key + ": expected a value, not a list or mapping");
    }

    private SequenceNode sequence(String key) {
        Node node = node(key);
        if (node == null || node instanceof SequenceNode) {
            return (SequenceNode) node;
        }
        throw error(node, path + key + ": expected a list");
    }

    private YamlMapping asMapping(Node node, String setting) {
        if (node instanceof MappingNode mapping) {
            return new YamlMapping(file, setting + ".", mapping.getValue());
        }
        throw error(node, setting + ": expected settings (key: value), not a single value or list");
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private ConfigException error(Node node, String message) {
        return new ConfigException(file + ": " + message + line(node));
    }

    private static String line(Node node) {
        return node.getStartMark() == null ? "" : " (line " + (node.getStartMark().getLine() + 1) + ")";
    }
}
