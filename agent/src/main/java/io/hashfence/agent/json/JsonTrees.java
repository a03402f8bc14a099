package io.hashfence.agent.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * JSON trees read with Jackson's streaming parser alone. Building an ObjectMapper loads
 * some 400 classes and adds about 13 MB of resident memory, a quarter of the agent's (docs/BENCHMARKS.md); the
 * trees here are the same {@link JsonNode}s that {@code ObjectMapper.readTree} makes with its defaults.
 */
public final class JsonTrees {
    public static final JsonFactory FACTORY = new JsonFactory();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {}

    /** The first JSON value of {@code content} (anything after it is ignored), or a missing node if there is none. */
    public static JsonNode read(byte[] content) throws IOException {
        try (JsonParser parser = FACTORY.createParser(content)) {
            return readRoot(parser);
        }
    }

    /** As {@link #read(byte[])}. */
    public static JsonNode read(String content) throws IOException {
        try (JsonParser parser = FACTORY.createParser(content)) {
            return readRoot(parser);
        }
    }

    private static JsonNode readRoot(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        return token == null ? MissingNode.getInstance() : value(parser, token);
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected JSON token " + token);
        };
    }

    private static ObjectNode object(JsonParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            object.set(name, value(parser, parser.nextToken()));
        }
        return object;
    }

    private static ArrayNode array(JsonParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            array.add(value(parser, token));
        }
        return array;
    }
}
