package io.hashfence.collector.fleet;

import java.util.Arrays;

/**
 * Which of a rig's recent sequence numbers have arrived: the highest, and a window of the 1,024 below it.
 * Agents replay their outbox after a reconnect, so a sample may arrive twice; this tells the second
 * arrival apart. A number older than the window cannot be judged and is let through. The state is the
 * same whatever order the numbers arrive in, which is what lets the journal replay them in file order.
 */
final class SeenSequences {
    static final int WINDOW = 1024;

    private long highest = -1;
    private final long[] bits = new long[WINDOW / 64];

    /** Marks the sequence number seen; answers false if it had been seen already. */
    synchronized boolean markNew(long seq) {
        if (seq > highest) {
            shift(highest < 0 ? WINDOW : seq - highest);
            highest = seq;
            bits[0] |= 1L;
            return true;
        }
        long age = highest - seq;
        if (age >= WINDOW) {
            return true;
        }
        int word = (int) (age >>> 6);
        long mask = 1L << (age & 63);
        if ((bits[word] & mask) != 0) {
            return false;
        }
        bits[word] |= mask;
        return true;
    }

    /** Marks every number a saved window holds: its highest first, so that the rest need no shifting. */
    synchronized void markAll(SequenceWindow window) {
        markNew(window.highest());
        for (int word = 0; word < SequenceWindow.WORDS; word++) {
            for (long rest = window.word(word); rest != 0; rest &= rest - 1) {
                markNew(window.highest() - (word * 64L + Long.numberOfTrailingZeros(rest)));
            }
        }
    }

    synchronized SequenceWindow save() {
        return new SequenceWindow(highest, bits);
    }

    /** Moves the window up by {@code distance}: bit i (meaning highest - i) becomes bit i + distance. */
    private void shift(long distance) {
        if (distance >= WINDOW) {
            Arrays.fill(bits, 0);
            return;
        }
        int words = (int) (distance >>> 6);
        int offset = (int) (distance & 63);
        for (int i = bits.length - 1; i >= 0; i--) {
            int from = i - words;
            long moved = from >= 0 ? bits[from] << offset : 0;
            if (offset != 0 && from - 1 >= 0) {
                moved |= bits[from - 1] >>> (64 - offset);
            }
            bits[i] = moved;
        }
    }
}
