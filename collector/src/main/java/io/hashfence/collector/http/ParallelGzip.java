package io.hashfence.collector.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Gzip of a text in pieces, compressed in chunks side by side on the {@link ScrapeWorkers}, as pigz does: each
 * chunk is a run of raw deflate primed with the 32 KiB of text before it and ended by a sync flush (the last one
 * finished), so the chunks joined are one deflate stream, and the whole is one gzip member with the CRC-32 and
 * length of the whole text. Any gzip reader reads it; the compression is that of one stream within a few bytes
 * per chunk.
 */
final class ParallelGzip {
    /** Text per chunk: enough to keep the per-chunk cost (a deflater, a flush) small, few enough to share out. */
    static final int CHUNK_BYTES = 1 << 20;

    private static final int WINDOW = 32 * 1024;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final ScrapeWorkers workers;
    private final int level;

    ParallelGzip(ScrapeWorkers workers, int level) {
        this.workers = workers;
        this.level = level;
    }

    /** The gzip of the pieces' readable bytes, in new buffers; the pieces are read, not released. */
    List<ByteBuf> compress(List<ByteBuf> pieces) {
        List<List<ByteBuf>> chunks = chunks(pieces);
        List<Callable<ByteBuf>> tasks = new ArrayList<>(chunks.size());
        for (int index = 0; index < chunks.size(); index++) {
            List<ByteBuf> chunk = chunks.get(index);
            byte[] dictionary = index == 0 ? null : tail(chunks.get(index - 1));
            boolean last = index == chunks.size() - 1;
            tasks.add(() -> deflate(chunk, dictionary, last));
        }
        List<ByteBuf> deflated = workers.runAll(tasks, ByteBuf::release);
        CRC32 crc = new CRC32();
        long length = 0;
        for (ByteBuf piece : pieces) {
            crc.update(piece.nioBuffer());
            length += piece.readableBytes();
        }
        List<ByteBuf> gzip = new ArrayList<>(deflated.size() + 2);
        gzip.add(Unpooled.wrappedBuffer(HEADER.clone()));
        gzip.addAll(deflated);
        gzip.add(Unpooled.buffer(8).writeIntLE((int) crc.getValue()).writeIntLE((int) length));
        return gzip;
    }

    /** Runs of whole pieces of at least {@link #CHUNK_BYTES} (the last may be shorter); one empty run for none. */
    private static List<List<ByteBuf>> chunks(List<ByteBuf> pieces) {
        List<List<ByteBuf>> chunks = new ArrayList<>();
        List<ByteBuf> chunk = new ArrayList<>();
        int bytes = 0;
        for (ByteBuf piece : pieces) {
            chunk.add(piece);
            bytes += piece.readableBytes();
            if (bytes >= CHUNK_BYTES) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
        }
        if (!chunk.isEmpty() || chunks.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /** The last (up to) 32 KiB of a chunk's text, the window the next chunk's matches may reach back into. */
    private static byte[] tail(List<ByteBuf> chunk) {
        byte[] window = new byte[WINDOW];
        int filled = 0;
        for (int index = chunk.size() - 1; index >= 0 && filled < WINDOW; index--) {
            ByteBuf piece = chunk.get(index);
            int take = Math.min(piece.readableBytes(), WINDOW - filled);
            piece.getBytes(piece.writerIndex() - take, window, WINDOW - filled - take, take);
            filled += take;
        }
        return filled == WINDOW ? window : Arrays.copyOfRange(window, WINDOW - filled, WINDOW);
    }

    private ByteBuf deflate(List<ByteBuf> chunk, byte[] dictionary, boolean last) {
        Deflater deflater = new Deflater(level, true);
        try {
            if (dictionary != null && dictionary.length > 0) {
                deflater.setDictionary(dictionary);
            }
            Output out = new Output(chunk);
            for (ByteBuf piece : chunk) {
                ByteBuffer input = piece.nioBuffer();
                deflater.setInput(input);
                while (input.hasRemaining()) {
                    out.take(deflater, Deflater.NO_FLUSH);
                }
            }
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.take(deflater, Deflater.NO_FLUSH);
                }
            } else {
                while (out.take(deflater, Deflater.SYNC_FLUSH)) {
                    // a full buffer: the flush has more to write
                }
            }
            return out.buffer();
        } finally {
            deflater.end();
        }
    }

    /** A growing array for one chunk's deflate output. */
    private static final class Output {
        private byte[] bytes;
        private int size;

        Output(List<ByteBuf> chunk) {
            int text = 0;
            for (ByteBuf piece : chunk) {
                text += piece.readableBytes();
            }
            bytes = new byte[Math.max(1024, text / 4)];
        }

        /** Deflates into the free space (grown first when full); true when it filled the space it was given. */
        boolean take(Deflater deflater, int flush) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            int free = bytes.length - size;
            int written = deflater.deflate(bytes, size, free, flush);
            size += written;
            return written == free;
        }

        ByteBuf buffer() {
            return Unpooled.wrappedBuffer(bytes, 0, size);
        }
    }
}
