package io.hashfence.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorldOutlinesTest {
    private static final double TOLERANCE = 0.1;
    private static final List<WorldOutlines.Outline> OUTLINES = WorldOutlines.simplified(SharedIndex.INDEX, TOLERANCE);

    @Test
    void simplificationKeepsAFractionOfTheVertices() {
        int simplified =
                OUTLINES.stream().mapToInt(WorldOutlines.Outline::vertexCount).sum();
        assertThat(simplified)
                .isLessThan(SharedIndex.INDEX.regions().vertexCount() / 10)
                .isGreaterThan(20_000);
    }

    @Test
    void everyRingIsClosedAndAtLeastATriangle() {
        for (WorldOutlines.Outline outline : OUTLINES) {
            for (double[] ring : outline.rings()) {
                assertThat(ring.length).as(outline.subdivision().code()).isGreaterThanOrEqualTo(8);
                assertThat(ring[ring.length - 2]).isEqualTo(ring[0]);
                assertThat(ring[ring.length - 1]).isEqualTo(ring[1]);
            }
        }
    }

    @Test
    void outlinesStayWithinTheToleranceOfTheSourceExtent() {
        Regions regions = SharedIndex.INDEX.regions();
        WorldOutlines.Outline irkutsk = outline("RU-IRK");
        int r = SharedIndex.INDEX.subdivisions().indexOf(irkutsk.subdivision());
        double[] box = boundingBox(irkutsk);
        assertThat(box[0]).isCloseTo(regions.minX[r], within(TOLERANCE));
        assertThat(box[1]).isCloseTo(regions.minY[r], within(TOLERANCE));
        assertThat(box[2]).isCloseTo(regions.maxX[r], within(TOLERANCE));
        assertThat(box[3]).isCloseTo(regions.maxY[r], within(TOLERANCE));
    }

    @Test
    void aCityLiesInsideItsSimplifiedSubdivisionAndOutsideOthers() {
        assertThat(covers(outline("RU-IRK"), 104.29, 52.29)).isTrue();
        assertThat(covers(outline("UA-43"), 34.10, 44.95)).isTrue();
        assertThat(covers(outline("RU-IRK"), 37.62, 55.75)).isFalse();
        assertThat(outline("UA-43").country().code()).isEqualTo("RU");
    }

    @Test
    void aNonPositiveToleranceIsRefused() {
        assertThatThrownBy(() -> WorldOutlines.simplified(SharedIndex.INDEX, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tolerance");
    }

    private static WorldOutlines.Outline outline(String code) {
        return OUTLINES.stream()
                .filter(o -> o.subdivision().code().equals(code))
                .findFirst()
                .orElseThrow();
    }

    private static double[] boundingBox(WorldOutlines.Outline outline) {
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] ring : outline.rings()) {
            for (int i = 0; i < ring.length; i += 2) {
                box[0] = Math.min(box[0], ring[i]);
                box[1] = Math.min(box[1], ring[i + 1]);
                box[2] = Math.max(box[2], ring[i]);
                box[3] = Math.max(box[3], ring[i + 1]);
            }
        }
        return box;
    }

    /** Even-odd rule over all rings, as SVG fills them. */
    private static boolean covers(WorldOutlines.Outline outline, double x, double y) {
        boolean inside = false;
        for (double[] ring : outline.rings()) {
            for (int i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
                double xi = ring[i];
                double yi = ring[i + 1];
                double xj = ring[j];
                double yj = ring[j + 1];
                if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                    inside = !inside;
                }
            }
        }
        return inside;
    }
}
