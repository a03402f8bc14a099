package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The gzip of a text in pieces, compressed in chunks side by side, is one gzip member any reader takes back to the
 * same text: across many chunks (each primed with the text before it), for one piece, and for none.
 */
class ParallelGzipTest {
    private static final ScrapeWorkers WORKERS = new ScrapeWorkers(3);
    private static final ParallelGzip GZIP = new ParallelGzip(WORKERS, 1);

    @AfterAll
    static void stopWorkers() {
        WORKERS.close();
    }

    @Test
    void aTextOfManyChunksComesBackWholeAndSmall() throws Exception {
        List<ByteBuf> pieces = exposition(5 * ParallelGzip.CHUNK_BYTES + 12_345);
        byte[] text = joined(pieces);
        try {
            byte[] gzip = joined(GZIP.compress(pieces));

            assertThat(gunzipped(gzip)).isEqualTo(text);
            assertThat((double) gzip.length)
                    .as("within 1% of one stream at the same level: each chunk reaches back into the text before it")
                    .isLessThan(oneStreamLength(text) * 1.01);
            assertThat(countMembers(gzip)).as("one gzip member").isEqualTo(1);
        } finally {
            pieces.forEach(ByteBuf::release);
        }
    }

    @Test
    void oneSmallPieceAndNoPieceAreGzipToo() throws Exception {
        ByteBuf piece = Unpooled.copiedBuffer("hashfence_rig_up{rig=\"a\",site=\"b\"} 1\n", StandardCharsets.US_ASCII);
        try {
            assertThat(new String(gunzipped(joined(GZIP.compress(List.of(piece)))), StandardCharsets.US_ASCII))
                    .isEqualTo("hashfence_rig_up{rig=\"a\",site=\"b\"} 1\n");
        } finally {
            piece.release();
        }
        assertThat(gunzipped(joined(GZIP.compress(List.of())))).isEmpty();
    }

    /** Exposition-like lines with varying numbers, in 64 KiB pieces as ExpositionText writes them. */
    private static List<ByteBuf> exposition(int bytes) {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder text = new StringBuilder(bytes + 200);
        for (int rig = 0; text.length() < bytes; rig++) {
            text.append("hashfence_rig_temperature_max_celsius{rig=\"s19-")
                    .append(rig)
                    .append("\",site=\"site-")
                    .append(rig % 500)
                    .append("\"} ")
                    .append(40 + random.nextDouble() * 50)
                    .append('\n');
        }
        byte[] all = text.substring(0, bytes).getBytes(StandardCharsets.US_ASCII);
        List<ByteBuf> pieces = new ArrayList<>();
        for (int at = 0; at < all.length; at += ExpositionText.PIECE_BYTES) {
            pieces.add(Unpooled.copiedBuffer(all, at, Math.min(ExpositionText.PIECE_BYTES, all.length - at)));
        }
        return pieces;
    }

    private static byte[] joined(List<ByteBuf> buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf buffer : buffers) {
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.getBytes(buffer.readerIndex(), bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] gunzipped(byte[] gzip) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    private static int oneStreamLength(byte[] text) {
        Deflater deflater = new Deflater(1, true);
        deflater.setInput(text);
        deflater.finish();
        byte[] sink = new byte[1 << 16];
        int length = 18;
        while (!deflater.finished()) {
            length += deflater.deflate(sink);
        }
        deflater.end();
        return length;
    }

    /** How many gzip members the bytes hold, read one at a time with an inflater of their own. */
    private static int countMembers(byte[] gzip) throws Exception {
        Inflater inflater = new Inflater(true);
        int at = 10;
        inflater.setInput(gzip, at, gzip.length - at);
        byte[] sink = new byte[1 << 16];
        while (!inflater.finished()) {
            inflater.inflate(sink);
        }
        int after = gzip.length - inflater.getRemaining() + 8;
        inflater.end();
        return after == gzip.length ? 1 : 2;
    }
}
