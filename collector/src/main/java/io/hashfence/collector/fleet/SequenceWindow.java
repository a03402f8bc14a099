package io.hashfence.collector.fleet;

import java.util.Arrays;

/**
 * One rig's window of seen sequence numbers as the journal stores it: the highest, and {@link
 * SeenSequences#WINDOW} bits where bit i (bit i % 64 of word i / 64) means {@code highest - i} arrived.
 */
public record SequenceWindow(long highest, long[] bits) {
    public static final int WORDS = SeenSequences.WINDOW / 64;

    public SequenceWindow {
        if (bits.length != WORDS) {
            throw new IllegalArgumentException("a window has " + WORDS + " words of bits, not " + bits.length);
        }
        bits = bits.clone();
    }

    @Override
    public long[] bits() {
        return bits.clone();
    }

    long word(int index) {
        return bits[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SequenceWindow window && highest == window.highest && Arrays.equals(bits, window.bits);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(highest) * 31 + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "SequenceWindow[highest=" + highest + ", seen="
                + Arrays.stream(bits).map(Long::bitCount).sum() + "]";
    }
}
