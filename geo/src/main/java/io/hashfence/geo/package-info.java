/**
 * Offline geo-compliance lookups: which country (with its territorial sea) and ISO 3166-2 subdivision a
 * coordinate is in, which other state claims it if it is disputed, how far it is from its country's
 * border, and how far from a set of jurisdictions.
 *
 * <pre>{@code
 * GeoIndex geo = GeoIndex.loadBundled();                  // once; thread-safe
 * GeoLocation where = geo.locate(44.95, 34.10);           // LAND, RU (DE_FACTO), claimed by UA, UA-43
 * double border = geo.borderKm(59.3772, 28.1903);         // Narva: 0.76 km to the Russian border
 * double km = geo.distanceKm(lat, lon, Set.of("RU", "BY", "UA-43"));  // 0 inside, +Inf beyond 100 km
 * }</pre>
 *
 * Data: countries from OpenStreetMap at 10 m resolution (ODbL, © OpenStreetMap contributors),
 * subdivisions from Natural Earth 1:10m admin-1, the outlines of South Ossetia and the Golan Heights from
 * Natural Earth's admin-0 disputed areas (both public domain); provenance, attribution duty and the disputed-land
 * table in {@code geo/PROVENANCE.md}. {@link io.hashfence.geo.GeoImport} rebuilds the bundled index.
 */
package io.hashfence.geo;
