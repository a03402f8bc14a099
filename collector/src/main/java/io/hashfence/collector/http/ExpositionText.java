package io.hashfence.collector.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Prometheus text format 0.0.4 written straight into one growing byte array: a sample costs its bytes, not a
 * snapshot object, a label set and a string per value. Names and help texts are the collector's own ASCII; label
 * values are escaped ({@code \\}, {@code \"}, {@code \n}) and written as UTF-8.
 */
final class ExpositionText {
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    /** Below this magnitude every whole double is exactly a long, written as its digits. */
    private static final double WHOLE_LIMIT = 1e15;
    /** Below this magnitude Java writes a whole double as its digits and {@code .0}, and so does this. */
    private static final double PLAIN_LIMIT = 1e7;

    private byte[] bytes;
    private int size;

    ExpositionText(int capacity) {
        bytes = new byte[Math.max(capacity, 64)];
    }

    /** The HELP and TYPE lines that open a gauge family. */
    ExpositionText gaugeFamily(String name, String help) {
        return ascii("# HELP ")
                .ascii(name)
                .ascii(" ")
                .ascii(help)
                .ascii("\n# TYPE ")
                .ascii(name)
                .ascii(" gauge\n");
    }

    /** Text known to be ASCII with nothing to escape: metric names, label names, help texts. */
    ExpositionText ascii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
        return this;
    }

    /** A label value, escaped for the text format. */
    ExpositionText labelValue(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                return escapedBytes(value.getBytes(StandardCharsets.UTF_8));
            }
        }
        ensure(2 * length);
        for (int i = 0; i < length; i++) {
            escape((byte) value.charAt(i));
        }
        return this;
    }

    /** A label {@code name="value"} with its value escaped. */
    ExpositionText label(String name, String value) {
        return ascii(name).ascii("=\"").labelValue(value).ascii("\"");
    }

    /**
     * A sample value as Java writes a double ({@code 1.0}, {@code 52.287}), except that a whole number from 10^7 to
     * 10^15 is written as its digits ({@code 110000000000000}, not {@code 1.1E14}): the same number to Prometheus,
     * without formatting a double for every hashrate and timestamp.
     */
    ExpositionText value(double value) {
        if (Double.isNaN(value)) {
            return ascii("NaN");
        }
        if (Double.isInfinite(value)) {
            return ascii(value > 0 ? "+Inf" : "-Inf");
        }
        if (Math.abs(value) < WHOLE_LIMIT && value == Math.rint(value)) {
            whole((long) value);
            return Math.abs(value) < PLAIN_LIMIT ? ascii(".0") : this;
        }
        return ascii(Double.toString(value));
    }

    ExpositionText whole(long value) {
        if (value == Long.MIN_VALUE) {
            return raw(MIN_LONG, MIN_LONG.length);
        }
        ensure(20);
        long rest = value;
        if (rest < 0) {
            bytes[size++] = '-';
            rest = -rest;
        }
        int digits = 1;
        for (long bound = 10; digits < 19 && rest >= bound; bound *= 10) {
            digits++;
        }
        for (int i = size + digits - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        size += digits;
        return this;
    }

    /** A Unix time in milliseconds as seconds with three decimals, e.g. {@code 1765012345.678}. */
    ExpositionText secondsFromMillis(long millis) {
        if (millis < 0) {
            ascii("-");
        }
        long magnitude = Math.abs(millis);
        whole(magnitude / 1000);
        int fraction = (int) (magnitude % 1000);
        ensure(4);
        bytes[size++] = '.';
        bytes[size++] = (byte) ('0' + fraction / 100);
        bytes[size++] = (byte) ('0' + fraction / 10 % 10);
        bytes[size++] = (byte) ('0' + fraction % 10);
        return this;
    }

    ExpositionText newline() {
        ensure(1);
        bytes[size++] = '\n';
        return this;
    }

    /** Everything another text holds, appended. */
    ExpositionText append(ExpositionText other) {
        return raw(other.bytes, other.size);
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    /** The text's bytes: its own array when it is exactly full (a text sized for its content), else a copy. */
    byte[] toByteArray() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    private ExpositionText escapedBytes(byte[] utf8) {
        ensure(2 * utf8.length);
        for (byte b : utf8) {
            escape(b);
        }
        return this;
    }

    /** One byte of a label value; the caller made room for two. */
    private void escape(byte b) {
        if (b == '\\' || b == '"') {
            bytes[size++] = '\\';
            bytes[size++] = b;
        } else if (b == '\n') {
            bytes[size++] = '\\';
            bytes[size++] = 'n';
        } else {
            bytes[size++] = b;
        }
    }

    private ExpositionText raw(byte[] source, int length) {
        ensure(length);
        System.arraycopy(source, 0, bytes, size, length);
        size += length;
        return this;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
