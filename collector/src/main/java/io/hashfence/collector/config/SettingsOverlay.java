package io.hashfence.collector.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Lays the config file's tree over the defaults' tree: a setting the file gives replaces its default, a
 * setting it leaves out or leaves empty ({@code key:} alone) keeps it. Settings the defaults do not know are
 * carried over as written, for the binding to refuse by name.
 */
final class SettingsOverlay {
    /** Defaults inside the sections that are off unless given; they apply once the section is. */
    private static final Map<String, ObjectNode> OPTIONAL_SECTION_DEFAULTS =
            Map.of("mqtt.tls", JsonNodeFactory.instance.objectNode().put("port", TlsConfig.DEFAULT_PORT));

    private SettingsOverlay() {}

    static JsonNode over(JsonNode defaults, JsonNode file) {
        if (file == null || file.isMissingNode() || file.isNull()) {
            return defaults;
        }
        return section(defaults, file, "");
    }

    private static ObjectNode section(JsonNode defaults, JsonNode file, String path) {
        if (!file.isObject()) {
            throw new IllegalArgumentException((path.isEmpty() ? "the config file" : path) + " must be a mapping");
        }
        ObjectNode result = defaults.deepCopy();
        for (Map.Entry<String, JsonNode> entry : file.properties()) {
            String name = entry.getKey();
            String setting = path.isEmpty() ? name : path + "." + name;
            JsonNode given = entry.getValue();
            JsonNode fallback = defaults.get(name);
            if (given.isNull()) {
                continue;
            }
            if (fallback != null && fallback.isObject()) {
                result.set(name, section(fallback, given, setting));
            } else if (fallback != null && fallback.isNull() && given.isObject()) {
                result.set(
                        name,
                        given.isEmpty()
                                ? fallback
                                : section(
                                        OPTIONAL_SECTION_DEFAULTS.getOrDefault(
                                                setting, JsonNodeFactory.instance.objectNode()),
                                        given,
                                        setting));
            } else {
                result.set(name, given);
            }
        }
        return result;
    }
}
