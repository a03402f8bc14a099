/**
 * Offline geo-compliance lookups: which country and ISO 3166-2 subdivision a coordinate is in (or
 * off the coast of), and how far it is from a set of jurisdictions.
 *
 * <pre>{@code
 * GeoIndex geo = GeoIndex.loadBundled();                  // once, ~0.3 s; thread-safe
 * GeoLocation where = geo.locate(52.29, 104.29);          // LAND, RU, RU-IRK
 * double km = geo.distanceKm(lat, lon, Set.of("RU", "BY", "UA-43"));  // 0 inside, +Inf beyond 100 km
 * }</pre>
 *
 * Data: Natural Earth 1:10m admin-1, de facto view; provenance and code repairs in
 * {@code geo/PROVENANCE.md}. {@link io.hashfence.geo.GeoImport} rebuilds the bundled index.
 */
package io.hashfence.geo;
