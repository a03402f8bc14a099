package io.hashfence.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The integer thresholds must order every vertex coordinate against a point exactly as the doubles do. */
class ScaledThresholdsTest {
    private static final double SCALE = BundleCodec.COORDINATE_SCALE;

    private static void assertThresholdsOf(double degrees) {
        int atLeast = ScaledThresholds.atLeast(degrees);
        int above = ScaledThresholds.above(degrees);
        for (int c = atLeast - 2; c <= above + 2; c++) {
            double vertex = c / SCALE;
            assertThat(vertex < degrees).as("%s < %s", c, degrees).isEqualTo(c < atLeast);
            assertThat(vertex > degrees).as("%s > %s", c, degrees).isEqualTo(c >= above);
        }
        assertThat(above - atLeast)
                .as("vertex coordinates equal to %s", degrees)
                .isBetween(0, 1);
    }

    @Test
    void vertexValuesTheirNeighbourDoublesAndRandomDegrees() {
        SplittableRandom random = new SplittableRandom(5L);
        for (int i = 0; i < 200_000; i++) {
            int c = random.nextInt(-18_000_000, 18_000_001);
            double vertex = c / SCALE;
            assertThresholdsOf(vertex);
            assertThat(ScaledThresholds.above(vertex) - ScaledThresholds.atLeast(vertex))
                    .isEqualTo(1);
            assertThresholdsOf(Math.nextUp(vertex));
            assertThresholdsOf(Math.nextDown(vertex));
            assertThresholdsOf(random.nextDouble(-180.0, 180.0));
        }
        for (double extreme : new double[] {-180.0, 180.0, -90.0, 90.0, 0.0, -0.0, -540.0, 540.0}) {
            assertThresholdsOf(extreme);
        }
    }
}
