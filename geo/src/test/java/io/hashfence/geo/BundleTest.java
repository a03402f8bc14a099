package io.hashfence.geo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class BundleTest {

    /** Cold-JVM load time is measured by LoadBenchmark; this catches a load that does heavy work again. */
    @Test
    void bundledIndexLoadsWithinOneSecondAndStaysUnder64MbOfHeap() {
        assertThat(SharedIndex.INDEX).as("classes loaded and compiled by a first load").isNotNull();
        Runtime runtime = Runtime.getRuntime();
        long before = usedHeapAfterGc(runtime);
        long start = System.nanoTime();
        GeoIndex index = GeoIndex.loadBundled();
        long loadMillis = (System.nanoTime() - start) / 1_000_000;
        long retained = usedHeapAfterGc(runtime) - before;

        assertThat(index.locate(52.29, 104.29).subdivision().code()).isEqualTo("RU-IRK");
        assertThat(loadMillis).as("load time in ms").isLessThan(1000);
        assertThat(retained).as("retained heap in bytes").isLessThan(64L << 20);
        assertThat(index.retainedBytes()).isLessThan(64L << 20);
    }

    private static long usedHeapAfterGc(Runtime runtime) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void bundleRoundTripsExactly() throws IOException {
        Regions regions = SharedIndex.INDEX.regions();
        GeoIndex original = SharedIndex.INDEX;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BundleCodec.Bundle bundle = BundleCodec.read(GeoIndex.class.getResourceAsStream(GeoIndex.BUNDLED_RESOURCE));

        BundleCodec.write(bundle.regions(), bundle.grid(), bytes);
        BundleCodec.Bundle copy = BundleCodec.read(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(copy.regions().xs).isEqualTo(regions.xs);
        assertThat(copy.regions().ys).isEqualTo(regions.ys);
        assertThat(copy.regions().exterior).isEqualTo(regions.exterior);
        assertThat(copy.regions().subdivisions).isEqualTo(regions.subdivisions);
        assertThat(copy.grid().blocks).isEqualTo(bundle.grid().blocks);
        assertThat(copy.grid().cells).isEqualTo(bundle.grid().cells);
        assertThat(copy.grid().listRegions).isEqualTo(bundle.grid().listRegions);
        assertThat(original.countries()).hasSize(regions.countries.length);
    }

    @Test
    void everySubdivisionCodeIsIsoShapedOrAMarkedPlaceholder() {
        for (Subdivision subdivision : SharedIndex.INDEX.subdivisions()) {
            assertThat(subdivision.code()).matches("[A-Z]{2}-([A-Z0-9]{1,3}|X\\d{1,2}~)");
            assertThat(subdivision.name()).isNotBlank();
        }
        assertThat(SharedIndex.INDEX.countries()).extracting(Country::code).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[A-Z]{2}"));
    }
}
