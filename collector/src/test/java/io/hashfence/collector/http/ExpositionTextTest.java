package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
    void valuesAreAsJavaWritesThemButLargeWholeNumbersAsTheirDigits() {
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
            Double.NaN,
            Double.POSITIVE_INFINITY,
            -1e300
        }) {
            text.value(value).ascii(" ");
        }
        text.whole(Long.MIN_VALUE).ascii(" ").whole(Long.MAX_VALUE);
        assertThat(text(text))
                .isEqualTo(
                        "0.0 1.0 -3.0 12345678 110000000000000 1.0E15 52.287 -0.5 NaN +Inf -1.0E300 -9223372036854775808"
                                + " 9223372036854775807");
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
    void aFamilyOpensWithHelpAndType() {
        assertThat(text(new ExpositionText(1).gaugeFamily("hashfence_rig_up", "1 while up")))
                .isEqualTo("# HELP hashfence_rig_up 1 while up\n# TYPE hashfence_rig_up gauge\n");
    }
}
