package io.hashfence.collector.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.hashfence.protocol.Durations;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Reads the YAML config file into a tree and binds a settings tree to the config records and back. The records'
 * component names in snake case are the settings' names; scalars are not coerced (a quoted number is no number),
 * and durations, paths and URLs are written as text. Every error names the setting by its dotted path.
 */
final class SettingsBinding {
    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new SimpleModule("settings")
                    .addSerializer(Duration.class, new ToStringSerializerBase(Duration.class) {
                        @Override
                        public String valueToString(Object value) {
                            return Durations.format((Duration) value);
                        }
                    })
                    .addDeserializer(Duration.class, new TextSetting<>(Duration.class, SettingsBinding::duration))
                    .addSerializer(Path.class, new ToStringSerializer(Path.class))
                    .addDeserializer(Path.class, new TextSetting<>(Path.class, (setting, text) -> Path.of(text)))
                    .addSerializer(URI.class, new ToStringSerializer(URI.class))
                    .addDeserializer(URI.class, new TextSetting<>(URI.class, Urls::http)))
            .build();

    private SettingsBinding() {}

    static JsonNode read(String yaml) throws IOException {
        return MAPPER.readTree(yaml);
    }

    static JsonNode tree(CollectorConfig config) {
        return MAPPER.valueToTree(config);
    }

    static CollectorConfig bind(JsonNode settings) {
        requireKnown(settings, MAPPER.constructType(CollectorConfig.class), "");
        try {
            return MAPPER.treeToValue(settings, CollectorConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(describe(e, settings), e);
        }
    }

    private static Duration duration(String setting, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }

    private static String describe(JsonProcessingException e, JsonNode settings) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException invalid) {
                return invalid.getMessage();
            }
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return e.getOriginalMessage();
        }
        String setting = mapping.getPath().stream()
                .map(JsonMappingException.Reference::getFieldName)
                .collect(Collectors.joining("."));
        JsonNode value = settings.at(JsonPointer.compile("/" + setting.replace('.', '/')));
        Class<?> expected = e instanceof MismatchedInputException mismatch
                ? mismatch.getTargetType()
                : e.getCause() instanceof InputCoercionException coercion ? coercion.getTargetType() : null;
        if (expected == int.class || expected == Integer.class) {
            return setting + " must be a whole number, got " + value;
        }
        if (expected == boolean.class || expected == Boolean.class) {
            return setting + " must be true or false, got " + value;
        }
        if (expected == double.class || expected == Double.class) {
            return setting + " must be a number, got " + value;
        }
        if (expected == String.class) {
            return setting + " must be a single value";
        }
        if (expected != null && expected.isRecord()) {
            return setting + " must be a mapping";
        }
        return setting + ": " + e.getOriginalMessage();
    }

    /**
     * Refuses the first setting that its section's record does not have, before any record is built, so that a
     * misspelt key is reported as such and not as the missing setting it was meant to be.
     */
    private static void requireKnown(JsonNode section, JavaType type, String path) {
        Map<String, JavaType> known = new TreeMap<>();
        for (BeanPropertyDefinition property :
                MAPPER.getDeserializationConfig().introspect(type).findProperties()) {
            known.put(property.getName(), property.getPrimaryType());
        }
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            String setting = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            JavaType valueType = known.get(entry.getKey());
            if (valueType == null) {
                throw new IllegalArgumentException(
                        "unknown setting " + setting + "; known here: " + String.join(", ", known.keySet()));
            }
            if (valueType.getRawClass().isRecord() && entry.getValue().isObject()) {
                requireKnown(entry.getValue(), valueType, setting);
            }
        }
    }

    /** A setting written as one value and read from its text, such as a duration, a path or a URL. */
    private static final class TextSetting<T> extends StdScalarDeserializer<T> {
        private final BiFunction<String, String, T> parse;

        TextSetting(Class<T> type, BiFunction<String, String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String setting = parser.getParsingContext()
                    .pathAsPointer()
                    .toString()
                    .substring(1)
                    .replace('/', '.');
            if (!parser.currentToken().isScalarValue()) {
                throw new IllegalArgumentException(setting + " must be a single value");
            }
            return parse.apply(setting, parser.getText());
        }
    }
}
