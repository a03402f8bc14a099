package io.hashfence.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The territorial sea is the country layer's reach beyond the Natural Earth subdivisions. */
class TerritorialSeaTest {
    private final GeoIndex index = SharedIndex.INDEX;

    @Test
    void seaZonesFollowTheCountryLayerAndItsBorderDistance() {
        SplittableRandom random = new SplittableRandom(12);
        int territorial = 0;
        int international = 0;
        // Around Japan and Korea: plenty of coast, open sea and borders between the two.
        for (int i = 0; i < 3000; i++) {
            double lat = random.nextDouble(30.0, 42.0);
            double lon = random.nextDouble(126.0, 145.0);
            GeoLocation location = index.locate(lat, lon);
            if (location.zone() == Zone.LAND) {
                continue;
            }
            assertThat(index.regionAt(lat, lon))
                    .as("(%s, %s) in no subdivision", lat, lon)
                    .isEqualTo(-1);
            if (location.zone() == Zone.TERRITORIAL) {
                territorial++;
                assertThat(index.distanceKm(lat, lon, Set.of(location.country().code())))
                        .as("(%s, %s) inside %s's sea", lat, lon, location.country())
                        .isZero();
                assertThat(index.borderKm(lat, lon))
                        .isEqualTo(index.countryLayer()
                                .distanceToBoundaryKm(
                                        index.countryRegionAt(lat, lon), lat, lon, GeoIndex.MAX_DISTANCE_KM));
            } else {
                international++;
                assertThat(index.countryRegionAt(lat, lon)).isEqualTo(-1);
                assertThat(index.borderKm(lat, lon)).as("(%s, %s)", lat, lon).isPositive();
            }
        }
        assertThat(territorial).isGreaterThan(50);
        assertThat(international).isGreaterThan(500);
    }

    @Test
    void theOpenSeaHasNoCountryAndIsFarFromEveryCountry() {
        SplittableRandom random = new SplittableRandom(99);
        int international = 0;
        for (int i = 0; i < 20_000; i++) {
            double lat = Math.toDegrees(Math.asin(random.nextDouble(-1.0, 1.0)));
            double lon = random.nextDouble(-180.0, 180.0);
            GeoLocation location = index.locate(lat, lon);
            if (location.zone() == Zone.INTERNATIONAL) {
                international++;
                assertThat(location.country()).isNull();
                assertThat(index.borderKm(lat, lon)).as("(%s, %s)", lat, lon).isPositive();
            }
        }
        assertThat(international).isGreaterThan(10_000);
    }

    @Test
    void territorialSeaAcrossTheAntimeridianBelongsToTheIslandOnTheOtherSide() {
        // Wrangel Island (Chukotka) straddles 180; just off its southern coast, east of the antimeridian.
        GeoLocation location = index.locate(70.80, -179.5);

        assertThat(location.zone()).isEqualTo(Zone.TERRITORIAL);
        assertThat(location.country().code()).isEqualTo("RU");
        assertThat(location.subdivision().code()).isEqualTo("RU-CHU");
    }
}
