package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpositionTextTest {
    private static String text(ExpositionText text) {
        return new String(text.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void labelValuesAreEscapedAndWrittenAsUtf8() {
        ExpositionText text = new ExpositionText(1)
                .label("model", "S19 \"Pro\" \\ 110T\nnext")
                .ascii(",")
                .label("pool", "stratum+tcp://пул:3333");
        assertThat(text(text)).isEqualTo("model=\"S19 \\\"Pro\\\" \\\\ 110T\\nnext\",pool=\"stratum+tcp://пул:3333\"");
    }

    @Test
    void valuesAreWrittenExactlyOrToSeventeenDigitsAndLargeWholeNumbersAsTheirDigits() {
        ExpositionText text = new ExpositionText(1);
        for (double value : new double[] {
            0,
            1,
            -3,
            12_345_678,
            110_000_000_000_000d,
            1e15,
            52.2870,
            -0.5,
            0.1 + 0.2,
            0.00001,
            -69.6516279,
            99_999_999.5,
            1e8 + 0.5,
            95_229_999_999_999.984375,
            45.40288681929137,
            -Math.nextUp(104.29),
            -0x1p37 - 0x1p-15,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            -1e300
        }) {
            text.value(value).ascii(" ");
        }
        text.whole(Long.MIN_VALUE).ascii(" ").whole(Long.MAX_VALUE);
        assertThat(text(text))
                .isEqualTo("0.0 1.0 -3.0 12345678 110000000000000 1.0E15 52.287 -0.5 0.30000000000000004 0.00001"
                        + " -69.6516279 99999999.5 100000000.5 95229999999999.984375 45.402886819291368"
                        + " -104.29000000000002 -137438953472.000030517578125"
                        + " NaN +Inf -1.0E300 -9223372036854775808"
                        + " 9223372036854775807");
    }

    @Test
    void everyValueReadsBackAsTheSameDouble() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 6) {
                case 0 -> Math.round(random.nextDouble(-180, 180) * 1e6) / 1e6;
                case 5 -> random.nextDouble(-180, 180);
                case 1 -> Math.round(random.nextDouble(0, 5_000) * 100) / 100.0;
                case 2 -> random.nextDouble(-1e9, 1e9);
                case 3 -> random.nextDouble(1e11, 1e15);
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (!Double.isFinite(value)) {
                continue;
            }
            String written = text(new ExpositionText(1).value(value));

            assertThat(Double.parseDouble(written)).as(written).isEqualTo(value);
            if (i % 6 < 2 && Math.abs(value) >= 1e-3) {
                assertThat(written.length())
                        .as("%s: no more digits than Java writes", written)
                        .isLessThanOrEqualTo(Double.toString(value).length());
            }
        }
    }

    @Test
    void aTimeInMillisecondsIsWrittenAsSecondsWithThreeDecimals() {
        ExpositionText text = new ExpositionText(1)
                .secondsFromMillis(1_765_012_345_678L)
                .ascii(" ")
                .secondsFromMillis(1_765_012_345_005L)
                .ascii(" ")
                .secondsFromMillis(-1);
        assertThat(text(text)).isEqualTo("1765012345.678 1765012345.005 -0.001");
    }

    @Test
    void aTextInPiecesFillsEachPieceBeforeTheNextAndHoldsTheSameBytes() {
        ExpositionText inOne = new ExpositionText(1);
        ExpositionText inPieces = ExpositionText.inPieces(UnpooledByteBufAllocator.DEFAULT);
        ExpositionText labels =
                new ExpositionText(1).label("rig", "r\"1").ascii(",").label("site", "s");
        for (int i = 0; i < 10_000; i++) {
            for (ExpositionText text : List.of(inOne, inPieces)) {
                text.ascii("hashfence_rig_up{")
                        .append(labels)
                        .ascii("} ")
                        .value(i)
                        .newline();
            }
        }
        assertThat(inPieces.size()).isEqualTo(inOne.size()).isGreaterThan(3 * ExpositionText.PIECE_BYTES);

        List<ByteBuf> pieces = inPieces.takePieces();
        try {
            assertThat(pieces).hasSizeGreaterThan(3);
            assertThat(pieces.subList(0, pieces.size() - 1))
                    .allSatisfy(piece -> assertThat(piece.readableBytes())
                            .isBetween(ExpositionText.PIECE_BYTES - 64, piece.capacity()));
            assertThat(Unpooled.wrappedBuffer(
                                    pieces.stream().map(ByteBuf::retain).toArray(ByteBuf[]::new))
                            .toString(StandardCharsets.UTF_8))
                    .isEqualTo(text(inOne));
        } finally {
            pieces.forEach(ByteBuf::release);
        }
        assertThat(inPieces.size()).as("taken").isZero();
    }

    @Test
    void aDeflatedTextHoldsTheSameBytesCompressed() throws Exception {
        ExpositionText inOne = new ExpositionText(1);
        ExpositionText deflated = ExpositionText.deflated();
        for (int i = 0; i < 20_000; i++) {
            for (ExpositionText text : List.of(inOne, deflated)) {
                text.ascii("hashfence_rig_up{")
                        .label("rig", "r\"" + i)
                        .ascii(",")
                        .label("site", "sä")
                        .ascii("} ")
                        .value(i / 7.0)
                        .newline();
            }
        }
        assertThat(deflated.size()).isEqualTo(inOne.size()).isGreaterThan(3 * ExpositionText.PIECE_BYTES);

        DeflatedRun.Finished run = deflated.finishRun();
        assertThat(run.length()).isEqualTo(inOne.size());
        byte[] gzip = GzipMemberTest.joined(GzipMember.of(List.of(run)));

        assertThat(gzip.length).isLessThan(inOne.size() / 3);
        assertThat(new String(GzipMemberTest.gunzipped(gzip), StandardCharsets.UTF_8))
                .isEqualTo(text(inOne));
    }

    @Test
    void aTextInPiecesThatWillNotBeSentReleasesThem() {
        List<ByteBuf> allocated = new ArrayList<>();
        ExpositionText text = ExpositionText.inPieces(new AbstractByteBufAllocator() {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                ByteBuf piece = Unpooled.buffer(initialCapacity, maxCapacity);
                allocated.add(piece);
                return piece;
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                throw new UnsupportedOperationException("a text is written in heap buffers");
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        });
        for (int i = 0; i < 2 * ExpositionText.PIECE_BYTES; i += 16) {
            text.ascii("hashfence_rig_up");
        }
        text.release();
        assertThat(allocated)
                .hasSize(2)
                .allSatisfy(piece -> assertThat(piece.refCnt()).isZero());
        assertThat(text.size()).isZero();
    }

    @Test
    void aFamilyOpensWithHelpAndType() {
        assertThat(text(new ExpositionText(1).gaugeFamily("hashfence_rig_up", "1 while up")))
                .isEqualTo("# HELP hashfence_rig_up 1 while up\n# TYPE hashfence_rig_up gauge\n");
    }
}
