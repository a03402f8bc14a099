package io.hashfence.collector.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A run of raw deflate, fed a text in turns and ended by a sync flush, so that runs written side by side and joined
 * in order are one deflate stream ({@link GzipMember}); it keeps the CRC-32 and the length of the text it was fed,
 * which the gzip trailer needs. The deflater's native memory is freed by {@link #finish} or {@link #end}.
 */
final class DeflatedRun {
    /** Scrapes are compressed for speed: at level 1 the text still shrinks to about a ninth. */
    static final int LEVEL = Deflater.BEST_SPEED;

    private final Deflater deflater = new Deflater(LEVEL, true);
    private final CRC32 crc = new CRC32();
    private long length;
    private byte[] out = new byte[16 * 1024];
    private int size;

    /**
     * A run finished: its deflate bytes, and the CRC-32 and length of the text they hold.
     *
     * @param deflated the caller's to send or release
     */
    record Finished(ByteBuf deflated, int crc, long length) {}

    /** Deflates {@code count} bytes of text from {@code text}, all taken in before this returns. */
    void write(byte[] text, int offset, int count) {
        if (count == 0) {
            return;
        }
        crc.update(text, offset, count);
        length += count;
        deflater.setInput(text, offset, count);
        while (!deflater.needsInput()) {
            take(Deflater.NO_FLUSH);
        }
    }

    /** The run ended by a sync flush, its deflater freed. */
    Finished finish() {
        try {
            while (take(Deflater.SYNC_FLUSH)) {
                // the output was full: the flush has more to write
            }
            return new Finished(Unpooled.wrappedBuffer(out, 0, size), (int) crc.getValue(), length);
        } finally {
            deflater.end();
        }
    }

    /** Frees the deflater of a run that will not be finished. */
    void end() {
        deflater.end();
    }

    /** Deflates into the free space (grown first when full); true when it filled the space it was given. */
    private boolean take(int flush) {
        if (size == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        int free = out.length - size;
        int written = deflater.deflate(out, size, free, flush);
        size += written;
        return written == free;
    }
}
