package io.hashfence.geo;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TerritorialSeaTest {
    private final GeoIndex index = SharedIndex.INDEX;

    @Test
    void seaZoneFollowsTheDistanceToTheNearestCoast() {
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
            double toJapan = index.distanceKm(lat, lon, Set.of("JP"));
            double toKoreas = index.distanceKm(lat, lon, Set.of("KR", "KP"));
            double toChina = index.distanceKm(lat, lon, Set.of("CN"));
            double toRussia = index.distanceKm(lat, lon, Set.of("RU"));
            double nearest = Math.min(Math.min(toJapan, toKoreas), Math.min(toChina, toRussia));
            if (location.zone() == Zone.TERRITORIAL) {
                territorial++;
                assertThat(nearest).isLessThanOrEqualTo(GeoIndex.TERRITORIAL_SEA_KM);
                double toOwner = index.distanceKm(lat, lon, Set.of(location.subdivision().code()));
                assertThat(toOwner).as("(%s, %s) owner %s", lat, lon, location.subdivision()).isEqualTo(nearest);
            } else {
                international++;
                assertThat(nearest).as("(%s, %s)", lat, lon).isGreaterThan(GeoIndex.TERRITORIAL_SEA_KM);
            }
        }
        assertThat(territorial).isGreaterThan(50);
        assertThat(international).isGreaterThan(500);
    }

    @Test
    void openSeaCellsOfTheGridNeverHideACoastWithinTwelveNauticalMiles() {
        SplittableRandom random = new SplittableRandom(99);
        int international = 0;
        for (int i = 0; i < 50_000; i++) {
            double lat = Math.toDegrees(Math.asin(random.nextDouble(-1.0, 1.0)));
            double lon = random.nextDouble(-180.0, 180.0);
            GeoLocation location = index.locate(lat, lon);
            if (location.zone() == Zone.INTERNATIONAL) {
                international++;
                assertThat(index.nearestRegionWithin(lat, lon, GeoIndex.TERRITORIAL_SEA_KM))
                        .as("(%s, %s)", lat, lon).isEqualTo(-1);
            }
        }
        assertThat(international).isGreaterThan(25_000);
    }

    @Test
    void territorialSeaAcrossTheAntimeridianBelongsToTheIslandOnTheOtherSide() {
        // Wrangel Island (Chukotka) straddles 180; just off its southern coast, east of the antimeridian.
        GeoLocation location = index.locate(70.80, -179.5);

        assertThat(location.zone()).isEqualTo(Zone.TERRITORIAL);
        assertThat(location.subdivision().code()).isEqualTo("RU-CHU");
    }
}
