package io.hashfence.collector.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/**
 * One gzip member made of {@link DeflatedRun}s written side by side, as pigz makes one: the header, the runs in
 * order (each ended by a sync flush, so together they are one deflate stream), an empty final block, and the
 * trailer with the CRC-32 of the whole text, combined from the runs' own, and its length.
 */
final class GzipMember {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** The reversed CRC-32 polynomial, as java.util.zip.CRC32 and gzip use it. */
    private static final int POLYNOMIAL = 0xedb88320;

    private static final byte[] FINAL_BLOCK = finalBlock();

    private GzipMember() {}

    /** The member's bytes: new buffers for its head and tail, and the runs' own, which it now owns. */
    static List<ByteBuf> of(List<DeflatedRun.Finished> runs) {
        List<ByteBuf> member = new ArrayList<>(runs.size() + 2);
        member.add(Unpooled.wrappedBuffer(HEADER.clone()));
        int crc = 0;
        long length = 0;
        for (DeflatedRun.Finished run : runs) {
            member.add(run.deflated());
            crc = combine(crc, run.crc(), run.length());
            length += run.length();
        }
        member.add(Unpooled.buffer(FINAL_BLOCK.length + 8)
                .writeBytes(FINAL_BLOCK)
                .writeIntLE(crc)
                .writeIntLE((int) length));
        return member;
    }

    /**
     * The CRC-32 of two texts one after the other, from the CRC-32 of each and the second's length: the first's CRC
     * carried through the second's length of zero bytes, then the second's added. The operator for one zero byte is
     * that for one zero bit squared three times; squared again it stands for twice as many bytes, applied for each
     * bit of the length that is set (zlib's crc32_combine).
     */
    static int combine(int first, int second, long secondLength) {
        int[] zeros = new int[32];
        zeros[0] = POLYNOMIAL;
        for (int bit = 1; bit < 32; bit++) {
            zeros[bit] = 1 << (bit - 1);
        }
        for (int square = 0; square < 3; square++) {
            zeros = squared(zeros);
        }
        int crc = first;
        for (long rest = secondLength; rest > 0; rest >>>= 1) {
            if ((rest & 1) != 0) {
                crc = times(zeros, crc);
            }
            zeros = squared(zeros);
        }
        return crc ^ second;
    }

    private static int times(int[] matrix, int vector) {
        int sum = 0;
        for (int row = 0; vector != 0; row++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[row];
            }
        }
        return sum;
    }

    private static int[] squared(int[] matrix) {
        int[] square = new int[32];
        for (int row = 0; row < 32; row++) {
            square[row] = times(matrix, matrix[row]);
        }
        return square;
    }

    /** The empty final block a deflater ends an empty stream with, which closes the runs' stream. */
    private static byte[] finalBlock() {
        Deflater deflater = new Deflater(DeflatedRun.LEVEL, true);
        try {
            deflater.finish();
            byte[] block = new byte[16];
            int size = deflater.deflate(block);
            return Arrays.copyOf(block, size);
        } finally {
            deflater.end();
        }
    }
}
