package io.hashfence.geo;

/** One bundled index per test JVM: loading it is the slowest part of each test class otherwise. */
final class SharedIndex {
    static final GeoIndex INDEX = GeoIndex.loadBundled();

    private SharedIndex() {}
}
