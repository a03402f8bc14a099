package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * Runs of deflate written apart (on threads of their own, fed in turns of any size) and joined are one gzip member
 * that gzip itself and Java's reader take back to the whole text, about as small as one stream would be; its CRC-32
 * is combined from the runs' own.
 */
class GzipMemberTest {

    @Test
    void runsWrittenApartJoinIntoOneMemberOfTheWholeText() throws Exception {
        byte[] text = exposition(5 * 1024 * 1024 + 12_345);
        SplittableRandom random = new SplittableRandom(16);
        int[] cuts = IntStream.concat(IntStream.of(0, text.length), random.ints(6, 1, text.length))
                .sorted()
                .toArray();
        List<CompletableFuture<DeflatedRun.Finished>> running = new ArrayList<>();
        for (int run = 0; run + 1 < cuts.length; run++) {
            int from = cuts[run];
            int to = cuts[run + 1];
            long seed = random.nextLong();
            running.add(CompletableFuture.supplyAsync(() -> deflatedInTurns(text, from, to, seed)));
        }
        List<DeflatedRun.Finished> runs =
                running.stream().map(CompletableFuture::join).toList();

        byte[] gzip = joined(GzipMember.of(runs));

        assertThat(gunzipped(gzip)).isEqualTo(text);
        assertThat(gzipTool(gzip)).as("read back by gzip itself").isEqualTo(text);
        assertThat(members(gzip)).as("one gzip member").isEqualTo(1);
        assertThat((double) gzip.length)
                .as("within 1% of one stream at the same level")
                .isLessThan(oneStreamLength(text) * 1.01);
    }

    @Test
    void noRunsOrEmptyRunsAreAnEmptyText() throws Exception {
        assertThat(gunzipped(joined(GzipMember.of(List.of())))).isEmpty();
        byte[] gzip = joined(GzipMember.of(List.of(new DeflatedRun().finish(), new DeflatedRun().finish())));
        assertThat(gunzipped(gzip)).isEmpty();
        assertThat(gzipTool(gzip)).isEmpty();
    }

    @Test
    void theCrcOfTwoTextsIsCombinedFromTheirOwn() {
        SplittableRandom random = new SplittableRandom(32);
        for (int trial = 0; trial < 200; trial++) {
            byte[] text = new byte[random.nextInt(0, 70_000)];
            random.nextBytes(text);
            int cut = trial % 3 == 0 ? (trial % 2 == 0 ? 0 : text.length) : random.nextInt(0, text.length + 1);
            CRC32 first = new CRC32();
            first.update(text, 0, cut);
            CRC32 second = new CRC32();
            second.update(text, cut, text.length - cut);
            CRC32 whole = new CRC32();
            whole.update(text);

            assertThat(GzipMember.combine((int) first.getValue(), (int) second.getValue(), text.length - cut))
                    .as("cut at %d of %d", cut, text.length)
                    .isEqualTo((int) whole.getValue());
        }
    }

    private static DeflatedRun.Finished deflatedInTurns(byte[] text, int from, int to, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DeflatedRun run = new DeflatedRun();
        for (int at = from; at < to; ) {
            int turn = Math.min(to - at, random.nextInt(1, 100_000));
            run.write(text, at, turn);
            at += turn;
        }
        return run.finish();
    }

    /** Exposition-like lines with varying numbers. */
    private static byte[] exposition(int bytes) {
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
        return text.substring(0, bytes).getBytes(StandardCharsets.US_ASCII);
    }

    /** The buffers' bytes one after the other; the buffers are released. */
    static byte[] joined(List<ByteBuf> buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (ByteBuf buffer : buffers) {
                byte[] bytes = new byte[buffer.readableBytes()];
                buffer.getBytes(buffer.readerIndex(), bytes);
                out.writeBytes(bytes);
            }
        } finally {
            buffers.forEach(ByteBuf::release);
        }
        return out.toByteArray();
    }

    static byte[] gunzipped(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    /** How many gzip members the bytes hold: the first one read with an inflater of its own, then what is left. */
    static int members(byte[] gzip) throws Exception {
        Inflater inflater = new Inflater(true);
        try {
            int at = 10;
            inflater.setInput(gzip, at, gzip.length - at);
            byte[] sink = new byte[1 << 16];
            while (!inflater.finished()) {
                inflater.inflate(sink);
            }
            int after = gzip.length - inflater.getRemaining() + 8;
            return after == gzip.length ? 1 : 2;
        } finally {
            inflater.end();
        }
    }

    /** The text that {@code gzip -dc} reads from the bytes, failing on anything it complains of. */
    private static byte[] gzipTool(byte[] gzip) throws Exception {
        Process gunzip = new ProcessBuilder("gzip", "-dc").start();
        CompletableFuture<byte[]> text = CompletableFuture.supplyAsync(() -> readAll(gunzip.getInputStream()));
        CompletableFuture<byte[]> complaints = CompletableFuture.supplyAsync(() -> readAll(gunzip.getErrorStream()));
        try (OutputStream in = gunzip.getOutputStream()) {
            in.write(gzip);
        }
        assertThat(gunzip.waitFor())
                .as(new String(complaints.join(), StandardCharsets.UTF_8))
                .isZero();
        return text.join();
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int oneStreamLength(byte[] text) {
        Deflater deflater = new Deflater(DeflatedRun.LEVEL, true);
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
}
