package io.hashfence.protocol;

/** The result of decoding and validating a message: the value, or the first rule it broke. */
public sealed interface Decoded<T> {

    record Valid<T>(T value) implements Decoded<T> {}

    /**
     * @param field the JSON path of the offending field ({@code location.lat}), or empty for the whole message
     * @param detail a human-readable explanation naming the field and the rule
     */
    record Invalid<T>(Violation violation, String field, String detail) implements Decoded<T> {}
}
