package io.hashfence.bench.geo;

import io.hashfence.geo.BenchmarkAccess;
import io.hashfence.geo.GeoIndex;

/**
 * Prints the heap the loaded index retains (used heap after GC, with and without the index) and the
 * index's own count of its arrays. Run: {@code java -cp benchmarks/target/hashfence-benchmarks.jar
 * io.hashfence.bench.geo.FootprintReport}.
 */
public final class FootprintReport {
    private FootprintReport() {}

    public static void main(String[] args) {
        Runtime runtime = Runtime.getRuntime();
        long before = usedAfterGc(runtime);
        long start = System.nanoTime();
        GeoIndex index = GeoIndex.loadBundled();
        long loadMillis = (System.nanoTime() - start) / 1_000_000;
        long retained = usedAfterGc(runtime) - before;
        System.out.printf("first load in this JVM: %d ms%n", loadMillis);
        System.out.printf("retained heap (GC delta): %.1f MiB%n", retained / 1048576.0);
        System.out.printf("index arrays (own count): %.1f MiB%n", BenchmarkAccess.retainedBytes(index) / 1048576.0);
        System.out.printf(
                "check: Irkutsk -> %s%n",
                index.locate(52.29, 104.29).subdivision().code());
    }

    private static long usedAfterGc(Runtime runtime) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
