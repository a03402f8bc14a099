package io.hashfence.collector.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prometheus text format 0.0.4 written straight into bytes: a sample costs its bytes, not a snapshot object, a
 * label set and a string per value. Names and help texts are the collector's own ASCII; label values are escaped
 * ({@code \\}, {@code \"}, {@code \n}) and written as UTF-8.
 *
 * <p>A text is either one growing array ({@link #ExpositionText(int)}, for short texts such as a rig's labels) or a
 * row of pieces from a buffer allocator ({@link #inPieces}), each written through its backing array and filled
 * before the next is taken: a scrape's megabytes of text then go to the channel piece by piece, in buffers the
 * allocator reuses, without ever being joined or copied into one array.
 */
final class ExpositionText {
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    /** Below this magnitude every whole double is exactly a long, written as its digits. */
    private static final double WHOLE_LIMIT = 1e15;
    /** Below this magnitude Java writes a whole double as its digits and {@code .0}, and so does this. */
    private static final double PLAIN_LIMIT = 1e7;
    /** The size of a piece: small enough for any pooling allocator to reuse, large enough to cost little per piece. */
    static final int PIECE_BYTES = 64 * 1024;

    /** Null for a text in one growing array. */
    private final ByteBufAllocator allocator;
    /** The pieces filled so far, in order; the one being written is {@link #piece}. */
    private final List<ByteBuf> pieces = new ArrayList<>();

    private ByteBuf piece;
    /** The array being written: the growing array, or the piece's backing array. */
    private byte[] bytes;
    /** Where this text (or its current piece) begins in {@link #bytes}. */
    private int start;
    /** Where the next byte goes in {@link #bytes}. */
    private int position;
    /** Where the room in {@link #bytes} ends. */
    private int end;
    /** The bytes of the pieces filled before the current one. */
    private int filledBefore;

    ExpositionText(int capacity) {
        allocator = null;
        bytes = new byte[Math.max(capacity, 64)];
        end = bytes.length;
    }

    private ExpositionText(ByteBufAllocator allocator) {
        this.allocator = allocator;
        bytes = new byte[0];
    }

    /** A text written into pieces from {@code allocator}; its owner takes them with {@link #takePieces}. */
    static ExpositionText inPieces(ByteBufAllocator allocator) {
        return new ExpositionText(allocator);
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
            bytes[position++] = (byte) text.charAt(i);
        }
        return this;
    }

    /** The same as {@link #ascii(String)}, already in bytes: copied at once rather than character by character. */
    ExpositionText ascii(byte[] text) {
        return raw(text, text.length);
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
            bytes[position++] = '-';
            rest = -rest;
        }
        int digits = 1;
        for (long bound = 10; digits < 19 && rest >= bound; bound *= 10) {
            digits++;
        }
        for (int i = position + digits - 1; i >= position; i--) {
            bytes[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        position += digits;
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
        bytes[position++] = '.';
        bytes[position++] = (byte) ('0' + fraction / 100);
        bytes[position++] = (byte) ('0' + fraction / 10 % 10);
        bytes[position++] = (byte) ('0' + fraction % 10);
        return this;
    }

    ExpositionText newline() {
        ensure(1);
        bytes[position++] = '\n';
        return this;
    }

    /** Everything another text in one array holds, appended. */
    ExpositionText append(ExpositionText other) {
        if (other.allocator != null) {
            throw new IllegalArgumentException("only a text in one array can be appended");
        }
        return raw(other.bytes, other.position);
    }

    /** Empties a text in one array, to be written again. */
    void clear() {
        position = start;
    }

    /** The bytes written so far. */
    int size() {
        return filledBefore + position - start;
    }

    /** The bytes of a text in one array: its own array when it is exactly full, else a copy. */
    byte[] toByteArray() {
        if (allocator != null) {
            throw new IllegalStateException("a text in pieces is taken with takePieces");
        }
        return position == bytes.length ? bytes : Arrays.copyOf(bytes, position);
    }

    /**
     * The pieces of a text in pieces, in order, each holding its bytes as readable; the caller owns them (and must
     * release them) and this text is empty afterwards.
     */
    List<ByteBuf> takePieces() {
        closePiece();
        List<ByteBuf> taken = new ArrayList<>(pieces);
        pieces.clear();
        filledBefore = 0;
        return taken;
    }

    /** Releases the pieces of a text that will not be sent, e.g. after a failure while writing it. */
    void release() {
        takePieces().forEach(ByteBuf::release);
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
            bytes[position++] = '\\';
            bytes[position++] = b;
        } else if (b == '\n') {
            bytes[position++] = '\\';
            bytes[position++] = 'n';
        } else {
            bytes[position++] = b;
        }
    }

    private ExpositionText raw(byte[] source, int length) {
        ensure(length);
        System.arraycopy(source, 0, bytes, position, length);
        position += length;
        return this;
    }

    /** Room for {@code more} bytes in one run: the array grown, or the next piece taken. */
    private void ensure(int more) {
        if (position + more <= end) {
            return;
        }
        if (allocator == null) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + more));
            end = bytes.length;
        } else {
            closePiece();
            piece = allocator.heapBuffer(Math.max(PIECE_BYTES, more));
            if (!piece.hasArray()) {
                piece.release();
                piece = null;
                throw new IllegalStateException("the allocator's heap buffers have no array");
            }
            bytes = piece.array();
            start = piece.arrayOffset() + piece.writerIndex();
            position = start;
            end = piece.arrayOffset() + piece.capacity();
        }
    }

    /** The piece being written, with its bytes made readable, put after the others (or released when empty). */
    private void closePiece() {
        if (piece == null) {
            return;
        }
        int written = position - start;
        if (written == 0) {
            piece.release();
        } else {
            piece.writerIndex(piece.writerIndex() + written);
            pieces.add(piece);
            filledBefore += written;
        }
        piece = null;
        bytes = new byte[0];
        start = 0;
        position = 0;
        end = 0;
    }
}
