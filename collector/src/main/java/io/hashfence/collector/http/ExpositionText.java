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
 * <p>A text is one growing array ({@link #ExpositionText(int)}, for short texts such as a rig's labels), a row of
 * pieces from a buffer allocator ({@link #inPieces}), each written through its backing array and filled before the
 * next is taken, so that a scrape's megabytes of text go to the channel piece by piece without ever being joined or
 * copied into one array; or a run of deflate ({@link #deflated}), fed one array's worth at a time and the array
 * written again, so that a gzipped scrape never holds its text, only the text compressed.
 */
final class ExpositionText {
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    /** Below this magnitude every whole double is exactly a long, written as its digits. */
    private static final double WHOLE_LIMIT = 1e15;
    /** Below this magnitude Java writes a whole double as its digits and {@code .0}, and so does this. */
    private static final double PLAIN_LIMIT = 1e7;
    /** The most decimals a value is written with by {@link #decimal}; more go the general way. */
    private static final int MAX_DECIMALS = 7;
    /** Below this magnitude a value with {@link #MAX_DECIMALS} decimals has fewer than 16 digits, exact in a long. */
    private static final double DECIMALS_LIMIT = 1e8;

    private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7};
    /** From this magnitude up a double's fraction has at most 15 bits, written exactly by {@link #exactly}. */
    private static final double EXACT_FROM = 0x1p37;

    private static final long[] POWERS_OF_FIVE = powers(5, 15);
    /** Enough for any double to read back the same ({@link #significant}). */
    private static final int SIGNIFICANT_DIGITS = 17;

    private static final long[] LONG_POWERS_OF_TEN = powers(10, 16);
    private static final long SIGNIFICAND_BITS = (1L << 52) - 1;
    private static final long IMPLICIT_BIT = 1L << 52;
    /** The size of a piece: small enough for any pooling allocator to reuse, large enough to cost little per piece. */
    static final int PIECE_BYTES = 64 * 1024;

    /** Null but for a text in pieces. */
    private final ByteBufAllocator allocator;
    /** Null but for a text deflated as it is written. */
    private final DeflatedRun run;
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
        this(null, null, Math.max(capacity, 64));
    }

    private ExpositionText(ByteBufAllocator allocator, DeflatedRun run, int capacity) {
        this.allocator = allocator;
        this.run = run;
        bytes = new byte[capacity];
        end = bytes.length;
    }

    /** A text written into pieces from {@code allocator}; its owner takes them with {@link #takePieces}. */
    static ExpositionText inPieces(ByteBufAllocator allocator) {
        return new ExpositionText(allocator, null, 0);
    }

    /** A text deflated as it is written; its owner takes the deflate with {@link #finishRun}. */
    static ExpositionText deflated() {
        return new ExpositionText(null, new DeflatedRun(), PIECE_BYTES);
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

    /**
     * Text known to be ASCII with nothing to escape: metric names, label names, help texts. Copied with the
     * deprecated {@link String#getBytes(int, int, byte[], int)}, which takes the low byte of each character: exactly
     * right for ASCII, and an array copy where a loop over the characters costs a check of the string's coding each.
     */
    @SuppressWarnings("deprecation")
    ExpositionText ascii(String text) {
        int length = text.length();
        ensure(length);
        text.getBytes(0, length, bytes, position);
        position += length;
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

    /** A label {@code name="value"} whose value is escaped already ({@link SharedLabelValues}). */
    ExpositionText label(String name, byte[] escapedValue) {
        return ascii(name).ascii("=\"").ascii(escapedValue).ascii("\"");
    }

    /**
     * A sample value, written so that it reads back as the same double: a whole number as its digits ({@code 1.0}
     * below 10^7, as Java writes it; {@code 110000000000000}, not {@code 1.1E14}, up to 10^15), a number of up to
     * {@value #MAX_DECIMALS} decimals with the fewest that give it back exactly ({@code 52.287}, {@code 0.5}), any
     * other from 1 to 10^15 exactly or to 17 significant digits, and the rest (below 1, above 10^15) as Java writes
     * them. Formatting a double the general way costs more than the rest of a sample.
     */
    ExpositionText value(double value) {
        if (Double.isNaN(value)) {
            return ascii("NaN");
        }
        if (Double.isInfinite(value)) {
            return ascii(value > 0 ? "+Inf" : "-Inf");
        }
        double magnitude = Math.abs(value);
        if (magnitude < WHOLE_LIMIT && value == Math.rint(value)) {
            whole((long) value);
            return magnitude < PLAIN_LIMIT ? ascii(".0") : this;
        }
        if (magnitude < DECIMALS_LIMIT) {
            for (int decimals = 1; decimals <= MAX_DECIMALS; decimals++) {
                long digits = Math.round(magnitude * POWERS_OF_TEN[decimals]);
                // Both exact doubles, so the quotient is the double nearest the decimal, as a reader parses it.
                if (digits / POWERS_OF_TEN[decimals] == magnitude) {
                    return decimal(value < 0, digits, decimals);
                }
            }
        }
        if (magnitude >= EXACT_FROM && magnitude < WHOLE_LIMIT) {
            return exactly(value < 0, magnitude);
        }
        if (magnitude >= 1 && magnitude < EXACT_FROM) {
            return significant(value < 0, magnitude);
        }
        return ascii(Double.toString(value));
    }

    /**
     * A number from 1 to 2^37 with more decimals than {@value #MAX_DECIMALS} (a coordinate from a receiver) to 17
     * significant digits, correctly rounded, which always reads back as the same double: its 53-bit significand
     * times a power of ten, exact in 128 bits, over a power of two, rounded half up.
     */
    private ExpositionText significant(boolean negative, double magnitude) {
        long significand = (Double.doubleToRawLongBits(magnitude) & SIGNIFICAND_BITS) | IMPLICIT_BIT;
        int shift = 52 - Math.getExponent(magnitude);
        int decimals = SIGNIFICANT_DIGITS - decimalDigits((long) magnitude);
        long scale = LONG_POWERS_OF_TEN[decimals];
        long low = significand * scale;
        long high = Math.multiplyHigh(significand, scale);
        long rounded = low + (1L << (shift - 1));
        if (Long.compareUnsigned(rounded, low) < 0) {
            high++;
        }
        long digits = (high << (64 - shift)) | (rounded >>> shift);
        long fraction = digits % scale;
        int kept = decimals;
        while (kept > 1 && fraction % 10 == 0) {
            fraction /= 10;
            kept--;
        }
        return pointed(negative, digits / scale, fraction, kept);
    }

    /** How many decimal digits a positive long has. */
    private static int decimalDigits(long value) {
        int digits = 1;
        while (digits < LONG_POWERS_OF_TEN.length && value >= LONG_POWERS_OF_TEN[digits]) {
            digits++;
        }
        return digits;
    }

    /**
     * A large number with a fraction (a hashrate in hashes per second) written exactly: from 2^37 on a double has at
     * most 15 bits after the point, so its fraction is a whole number of 2^-15 and its decimals, at most 15, are
     * that number times 5^15, a long.
     */
    private ExpositionText exactly(boolean negative, double magnitude) {
        long whole = (long) magnitude;
        int fractionBits = 52 - Math.getExponent(magnitude);
        long units = (long) Math.scalb(magnitude - whole, fractionBits);
        long digits = units * POWERS_OF_FIVE[fractionBits];
        int decimals = fractionBits;
        while (digits % 10 == 0) {
            digits /= 10;
            decimals--;
        }
        return pointed(negative, whole, digits, decimals);
    }

    /** {@code digits} with a decimal point {@code decimals} places from the right, at least one digit before it. */
    private ExpositionText decimal(boolean negative, long digits, int decimals) {
        long scale = (long) POWERS_OF_TEN[decimals];
        return pointed(negative, digits / scale, digits % scale, decimals);
    }

    /** {@code whole}, a point, and {@code fraction} in {@code decimals} digits (leading zeros written). */
    private ExpositionText pointed(boolean negative, long whole, long fraction, int decimals) {
        ensure(21 + decimals);
        if (negative) {
            bytes[position++] = '-';
        }
        whole(whole);
        bytes[position++] = '.';
        long rest = fraction;
        for (int i = position + decimals - 1; i >= position; i--) {
            bytes[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        position += decimals;
        return this;
    }

    private static long[] powers(long base, int highest) {
        long[] powers = new long[highest + 1];
        powers[0] = 1;
        for (int i = 1; i <= highest; i++) {
            powers[i] = powers[i - 1] * base;
        }
        return powers;
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
        if (!other.inOneArray()) {
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
        if (!inOneArray()) {
            throw new IllegalStateException("only a text in one array is taken as an array");
        }
        return position == bytes.length ? bytes : Arrays.copyOf(bytes, position);
    }

    /**
     * The pieces of a text in pieces, in order, each holding its bytes as readable; the caller owns them (and must
     * release them) and this text is empty afterwards.
     */
    List<ByteBuf> takePieces() {
        if (allocator == null) {
            throw new IllegalStateException("only a text in pieces is taken as pieces");
        }
        closePiece();
        List<ByteBuf> taken = new ArrayList<>(pieces);
        pieces.clear();
        filledBefore = 0;
        return taken;
    }

    /** The deflate of a deflated text, ended by a sync flush; this text cannot be written afterwards. */
    DeflatedRun.Finished finishRun() {
        if (run == null) {
            throw new IllegalStateException("only a deflated text is finished as a run");
        }
        drain();
        bytes = new byte[0];
        end = 0;
        return run.finish();
    }

    /**
     * Releases what a text that will not be sent holds, e.g. after a failure while writing it: its pieces, or its
     * deflater.
     */
    void release() {
        if (allocator != null) {
            takePieces().forEach(ByteBuf::release);
        } else if (run != null) {
            run.end();
        }
    }

    private boolean inOneArray() {
        return allocator == null && run == null;
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
        if (run != null) {
            drain();
            if (more > bytes.length) {
                bytes = new byte[more];
                end = bytes.length;
            }
        } else if (allocator == null) {
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

    /** The bytes written so far fed to the run, and the array written again from its start. */
    private void drain() {
        run.write(bytes, 0, position);
        filledBefore += position;
        position = 0;
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
