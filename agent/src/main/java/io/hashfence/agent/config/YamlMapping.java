package io.hashfence.agent.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One mapping of the YAML config file, read setting by setting. It refuses, when made, any key that its section
 * does not list in {@link Setting}. Errors name the file, the setting's path and its line.
 */
final class YamlMapping {
    private final Path file;
    private final String path;
    private final Map<String, Node> values = new LinkedHashMap<>();

    private YamlMapping(Path file, Setting section, String path, List<NodeTuple> entries) {
        this.file = file;
        this.path = path;
        List<String> known = Setting.keysOf(section);
        for (NodeTuple entry : entries) {
            String key = entry.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
            if (key == null || values.put(key, entry.getValueNode()) != null) {
                throw error(
                        entry.getKeyNode(),
                        key == null
                                ? "a setting name must be plain text"
                                : "setting \"" + path + key + "\" is given twice");
            }
            if (!known.contains(key)) {
                throw error(
                        entry.getKeyNode(),
                        "unknown setting \"" + path + key + "\"",
                        "; known settings " + (section == null ? "" : "of " + section.path() + " ") + "are " + known);
            }
        }
    }

    /** The file's top-level mapping; an empty file is an empty mapping. */
    static YamlMapping root(Path file, Node document) {
        if (document == null) {
            return new YamlMapping(file, null, "", List.of());
        }
        if (!(document instanceof MappingNode mapping)) {
            throw new ConfigException(file + ": expected settings (key: value lines)" + line(document));
        }
        return new YamlMapping(file, null, "", mapping.getValue());
    }

    String text(Setting setting) {
        ScalarNode scalar = scalar(setting.key());
        return scalar == null ? null : scalar.getValue();
    }

    Integer integer(Setting setting) {
        return number(setting.key(), "a whole number", Integer::valueOf);
    }

    Long longInteger(Setting setting) {
        return number(setting.key(), "a whole number", Long::valueOf);
    }

    Double decimal(Setting setting) {
        return number(setting.key(), "a number", Double::valueOf);
    }

    Boolean bool(Setting setting) {
        String key = setting.key();
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

    /** The mapping of {@code section}, read by {@code reader}; null when absent. */
    <T> T mapping(Setting section, Function<YamlMapping, T> reader) {
        Node node = node(section.key());
        return node == null ? null : reader.apply(asMapping(node, section, path + section.key()));
    }

    /** The list of mappings of {@code section}; a null item stays null. */
    <T> List<T> mappings(Setting section, Function<YamlMapping, T> reader) {
        String key = section.key();
        SequenceNode sequence = sequence(key);
        if (sequence == null) {
            return null;
        }
        List<T> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(
                    isNull(item)
                            ? null
                            : reader.apply(asMapping(item, section, path + key + "[" + items.size() + "]")));
        }
        return items;
    }

    List<String> texts(Setting setting) {
        String key = setting.key();
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

    private YamlMapping asMapping(Node node, Setting section, String setting) {
        if (node instanceof MappingNode mapping) {
            return new YamlMapping(file, section, setting + ".", mapping.getValue());
        }
        throw error(node, setting + ": expected settings (key: value), not a single value or list");
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private ConfigException error(Node node, String message) {
        return error(node, message, "");
    }

    private ConfigException error(Node node, String message, String hint) {
        return new ConfigException(file + ": " + message + line(node) + hint);
    }

    private static String line(Node node) {
        return node.getStartMark() == null
                ? ""
                : " (line " + (node.getStartMark().getLine() + 1) + ")";
    }
}
