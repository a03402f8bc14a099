package io.hashfence.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BundleTest {

    /** Load time is a benchmark target (LoadBenchmark, cold JVM), not a unit test: only the heap is checked here. */
    @Test
    void bundledIndexStaysUnder96MbOfHeap() {
        assertThat(SharedIndex.INDEX).as("classes loaded by a first load").isNotNull();
        Runtime runtime = Runtime.getRuntime();
        long before = usedHeapAfterGc(runtime);
        GeoIndex index = GeoIndex.loadBundled();
        long retained = usedHeapAfterGc(runtime) - before;

        assertThat(index.locate(52.29, 104.29).subdivision().code()).isEqualTo("RU-IRK");
        assertThat(retained).as("retained heap in bytes").isLessThan(96L << 20);
        assertThat(index.retainedBytes()).isLessThan(96L << 20);
    }

    private static long usedHeapAfterGc(Runtime runtime) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void bundleRoundTripsExactly() throws IOException {
        BundleCodec.Bundle bundle = BundleCodec.read(GeoIndex.class.getResourceAsStream(GeoIndex.BUNDLED_RESOURCE));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        BundleCodec.write(bundle, bytes);
        BundleCodec.Bundle copy = BundleCodec.read(new ByteArrayInputStream(bytes.toByteArray()));

        assertSameLayer(copy.countries(), bundle.countries());
        assertSameLayer(copy.subdivisions(), bundle.subdivisions());
        assertThat(copy.countries().regions().countries)
                .isEqualTo(bundle.countries().regions().countries);
        assertThat(SharedIndex.INDEX.countries())
                .hasSize(bundle.countries().regions().count());
    }

    private static void assertSameLayer(BundleCodec.Layer copy, BundleCodec.Layer original) {
        assertThat(copy.regions().xs).isEqualTo(original.regions().xs);
        assertThat(copy.regions().ys).isEqualTo(original.regions().ys);
        assertThat(copy.regions().exterior).isEqualTo(original.regions().exterior);
        assertThat(copy.regions().subdivisions).isEqualTo(original.regions().subdivisions);
        assertThat(copy.regions().countryOf).isEqualTo(original.regions().countryOf);
        assertThat(copy.grid().blocks).isEqualTo(original.grid().blocks);
        assertThat(copy.grid().cells).isEqualTo(original.grid().cells);
        assertThat(copy.grid().listRegions).isEqualTo(original.grid().listRegions);
    }

    @Test
    void theCountryLayerHasEveryCountryOnceWithItsIsoCode() {
        Regions countries = SharedIndex.INDEX.countryRegions();

        assertThat(countries.count()).isEqualTo(250);
        assertThat(countries.hasSubdivisions()).isFalse();
        assertThat(SharedIndex.INDEX.countries())
                .extracting(Country::code)
                .contains("EE", "RU", "UA", "XK", "EH", "PS", "FM", "AQ")
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(countries.vertexCount()).isEqualTo(1_903_784);
    }

    @Test
    void everySubdivisionCodeIsIsoShapedOrAMarkedPlaceholder() {
        for (Subdivision subdivision : SharedIndex.INDEX.subdivisions()) {
            assertThat(subdivision.code()).matches("[A-Z]{2}-([A-Z0-9]{1,3}~?|X\\d{1,2}~)");
            assertThat(subdivision.name()).isNotBlank();
        }
        assertThat(SharedIndex.INDEX.countries())
                .extracting(Country::code)
                .doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[A-Z]{2}"));
    }
}
