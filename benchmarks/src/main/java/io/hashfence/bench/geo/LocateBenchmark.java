package io.hashfence.bench.geo;

import io.hashfence.geo.BenchmarkAccess;
import io.hashfence.geo.GeoIndex;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lookups per second, single thread: Hashfence's {@link GeoIndex#locate} (country, claimant and
 * reconciled subdivision) against the JTS baseline answering only the country, on the country layer's
 * polygons (OpenStreetMap, 1.9 M vertices), on the same uniformly random points on land (inside some
 * country and some Natural Earth subdivision), plus Hashfence on uniformly random points anywhere (about
 * 70% sea, including territorial seas, where the subdivision is the nearest of the country's).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LocateBenchmark {
    private static final int POINTS = 1 << 16;

    private GeoIndex index;
    private BenchmarkAccess.CountryBaseline jts;
    private final double[] landLat = new double[POINTS];
    private final double[] landLon = new double[POINTS];
    private final double[] anyLat = new double[POINTS];
    private final double[] anyLon = new double[POINTS];

    @Setup
    public void setUp() {
        index = GeoIndex.loadBundled();
        jts = BenchmarkAccess.jtsCountries(index);
        SplittableRandom random = new SplittableRandom(20261126L);
        int land = 0;
        int any = 0;
        while (land < POINTS || any < POINTS) {
            double lat = Math.toDegrees(Math.asin(random.nextDouble(-1.0, 1.0)));
            double lon = random.nextDouble(-180.0, 180.0);
            if (any < POINTS) {
                anyLat[any] = lat;
                anyLon[any++] = lon;
            }
            if (land < POINTS
                    && jts.firstCoveringRegion(lat, lon) >= 0
                    && BenchmarkAccess.inSomeSubdivision(index, lat, lon)) {
                landLat[land] = lat;
                landLon[land++] = lon;
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void hashfenceLand(Blackhole blackhole) {
        for (int i = 0; i < POINTS; i++) {
            blackhole.consume(index.locate(landLat[i], landLon[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void jtsStrTreeLand(Blackhole blackhole) {
        for (int i = 0; i < POINTS; i++) {
            blackhole.consume(jts.firstCoveringRegion(landLat[i], landLon[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void hashfenceAnywhere(Blackhole blackhole) {
        for (int i = 0; i < POINTS; i++) {
            blackhole.consume(index.locate(anyLat[i], anyLon[i]));
        }
    }
}
