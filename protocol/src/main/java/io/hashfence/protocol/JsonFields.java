package io.hashfence.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed fields out of a JSON object and reports the first broken rule with the field's path.
 * Throws {@link Rejected}, which the codecs turn into {@link Decoded.Invalid}.
 */
final class JsonFields {
    private static final int MAX_ENUM_LENGTH = 32;
    /** How JSON encoders that allow it spell non-finite numbers, either bare or as strings. */
    private static final Set<String> NON_FINITE_SPELLINGS = Set.of("NaN", "Infinity", "-Infinity", "+Infinity");

    private final JsonNode object;
    private final String path;

    JsonFields(JsonNode object, String path) {
        this.object = object;
        this.path = path;
    }

    static JsonFields root(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new Rejected(Violation.WRONG_TYPE, "", "message must be a JSON object");
        }
        return new JsonFields(node, "");
    }

    String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        JsonNode value = object.get(name);
        return value != null && !value.isNull();
    }

    private JsonNode required(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            throw new Rejected(Violation.MISSING_FIELD, pathOf(name), "field " + pathOf(name) + " is required");
        }
        return value;
    }

    JsonFields object(String name) {
        JsonNode value = required(name);
        if (!value.isObject()) {
            throw wrongType(name, "an object");
        }
        return new JsonFields(value, pathOf(name));
    }

    Optional<JsonFields> optionalObject(String name) {
        return has(name) ? Optional.of(object(name)) : Optional.empty();
    }

    String text(String name, int maxLength) {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw wrongType(name, "a string");
        }
        String text = value.textValue();
        if (text.length() > maxLength) {
            throw new Rejected(
                    Violation.TOO_LARGE,
                    pathOf(name),
                    "field " + pathOf(name) + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    String optionalText(String name, int maxLength) {
        return has(name) ? text(name, maxLength) : null;
    }

    String id(String name) {
        String text = text(name, Ids.MAX_LENGTH + 1);
        if (!Ids.isValid(text)) {
            throw new Rejected(Violation.INVALID_ID, pathOf(name), "field " + pathOf(name) + " " + Ids.RULE);
        }
        return text;
    }

    String optionalIpLiteral(String name) {
        String text = optionalText(name, IpLiteral.MAX_LENGTH + 1);
        if (text != null && !IpLiteral.isValid(text)) {
            throw wrongType(name, "an IPv4 or IPv6 address literal");
        }
        return text;
    }

    long wholeNumber(String name) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(name, "a whole number");
        }
        return value.longValue();
    }

    boolean bool(String name) {
        JsonNode value = required(name);
        if (!value.isBoolean()) {
            throw wrongType(name, "true or false");
        }
        return value.booleanValue();
    }

    double number(String name, double min, double max) {
        JsonNode value = required(name);
        if (value.isTextual() && NON_FINITE_SPELLINGS.contains(value.textValue())) {
            throw notFinite(name);
        }
        if (!value.isNumber()) {
            throw wrongType(name, "a number");
        }
        double number = value.doubleValue();
        if (!Double.isFinite(number)) {
            throw notFinite(name);
        }
        if (number < min || number > max) {
            throw new Rejected(
                    Violation.OUT_OF_RANGE,
                    pathOf(name),
                    "field " + pathOf(name) + " must be within [" + min + ", " + max + "], got " + number);
        }
        return number;
    }

    Double optionalNumber(String name, double min, double max) {
        return has(name) ? number(name, min, max) : null;
    }

    Instant instant(String name) {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw wrongType(name, "an RFC 3339 timestamp string");
        }
        try {
            return Rfc3339.parse(value.textValue());
        } catch (DateTimeParseException e) {
            throw wrongType(name, "an RFC 3339 timestamp such as 2026-11-26T14:00:00Z");
        }
    }

    Instant optionalInstant(String name) {
        return has(name) ? instant(name) : null;
    }

    <E extends Enum<E> & WireEnum> E enumValue(String name, Class<E> type) {
        String text = text(name, MAX_ENUM_LENGTH);
        return WireEnum.fromWire(type, text)
                .orElseThrow(() -> new Rejected(
                        Violation.OUT_OF_RANGE,
                        pathOf(name),
                        "field " + pathOf(name) + " has unknown value \"" + text + "\""));
    }

    /** Each element of an optional array of objects, mapped; an absent array is empty. */
    <T> List<T> objects(String name, int maxSize, Function<JsonFields, T> mapper) {
        if (!has(name)) {
            return List.of();
        }
        JsonNode array = object.get(name);
        if (!array.isArray()) {
            throw wrongType(name, "an array");
        }
        if (array.size() > maxSize) {
            throw new Rejected(
                    Violation.TOO_LARGE,
                    pathOf(name),
                    "field " + pathOf(name) + " has more than " + maxSize + " entries");
        }
        List<T> result = new ArrayList<>(array.size());
        Iterator<JsonNode> elements = array.elements();
        for (int i = 0; elements.hasNext(); i++) {
            JsonNode element = elements.next();
            String elementPath = pathOf(name) + "[" + i + "]";
            if (!element.isObject()) {
                throw new Rejected(Violation.WRONG_TYPE, elementPath, "field " + elementPath + " must be an object");
            }
            result.add(mapper.apply(new JsonFields(element, elementPath)));
        }
        return result;
    }

    private Rejected notFinite(String name) {
        return new Rejected(Violation.NOT_FINITE, pathOf(name), "field " + pathOf(name) + " must be a finite number");
    }

    private Rejected wrongType(String name, String expected) {
        return new Rejected(Violation.WRONG_TYPE, pathOf(name), "field " + pathOf(name) + " must be " + expected);
    }

    /** A broken rule; carries no stack trace because hostile input may raise it at line rate. */
    static final class Rejected extends RuntimeException {
        final Violation violation;
        final String field;

        Rejected(Violation violation, String field, String detail) {
            super(detail, null, false, false);
            this.violation = violation;
            this.field = field;
        }

        <T> Decoded.Invalid<T> toInvalid() {
            return new Decoded.Invalid<>(violation, field, getMessage());
        }
    }
}
