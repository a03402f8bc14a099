package io.hashfence.geo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnownPlacesTest {
    private final GeoIndex index = SharedIndex.INDEX;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Irkutsk,       52.29,  104.29, RU, RU-IRK",
            "Simferopol,    44.95,   34.10, RU, UA-43",
            "Sevastopol,    44.60,   33.53, RU, UA-40",
            "Donetsk,       48.00,   37.80, UA, UA-14",
            "Tehran,        35.69,   51.39, IR, IR-07",
            "Pyongyang,     39.02,  125.75, KP, KP-01",
            "Havana,        23.11,  -82.37, CU, CU-03",
            "Almaty,        43.24,   76.89, KZ, KZ-ALA",
            "Tokyo,         35.68,  139.69, JP, JP-13",
            "Austin,        30.27,  -97.74, US, US-TX",
            "Luhansk,       48.57,   39.31, UA, UA-09",
            "Minsk,         53.90,   27.56, BY, BY-HM",
            "Vatican,       41.9029, 12.4534, VA, VA-X01~",
            "Rome,          41.89,   12.51, IT, IT-RM",
            "Pristina,      42.66,   21.17, XK, XK-X20~",
            "North Nicosia, 35.20,   33.36, CY, CY-X04~",
            "Hargeisa,       9.56,   44.06, SO, SO-X11~",
            "Suva Fiji,    -18.14,  178.44, FJ, FJ-C",
    })
    void knownPlacesAreOnLandInTheirSubdivision(String place, double lat, double lon, String country,
                                                 String subdivision) {
        GeoLocation location = index.locate(lat, lon);

        assertThat(location.zone()).isEqualTo(Zone.LAND);
        assertThat(location.country().code()).isEqualTo(country);
        assertThat(location.subdivision().code()).isEqualTo(subdivision);
    }

    @Test
    void countryAndSubdivisionCarryNames() {
        GeoLocation irkutsk = index.locate(52.29, 104.29);

        assertThat(irkutsk.country()).isEqualTo(new Country("RU", "Russia"));
        assertThat(irkutsk.subdivision()).isEqualTo(new Subdivision("RU-IRK", "Irkutsk"));
        assertThat(irkutsk.subdivision().isIsoCode()).isTrue();
        assertThat(index.locate(42.66, 21.17).subdivision().isIsoCode()).isFalse();
        assertThat(index.subdivisions()).contains(new Subdivision("AI-X00~", "Anguilla"))
                .noneMatch(subdivision -> subdivision.code().equals("AI-X00"));
    }

    @Test
    void sevastopolIsUa40InTheDeFactoView() {
        GeoLocation sevastopol = index.locate(44.60, 33.53);

        assertThat(sevastopol.subdivision()).isEqualTo(new Subdivision("UA-40", "Sevastopol"));
        assertThat(sevastopol.country().code()).isEqualTo("RU");
    }

    @Test
    void seaWithinTwelveNauticalMilesOfJapanIsTerritorial() {
        double lat = 35.70;
        double lon = 141.0;

        GeoLocation location = index.locate(lat, lon);

        assertThat(location.zone()).isEqualTo(Zone.TERRITORIAL);
        assertThat(location.country().code()).isEqualTo("JP");
        assertThat(location.subdivision().code()).isEqualTo("JP-12");
        assertThat(index.distanceKm(lat, lon, java.util.Set.of("JP")))
                .isGreaterThan(0.0).isLessThan(GeoIndex.TERRITORIAL_SEA_KM);
    }

    @Test
    void seaJustBeyondTwelveNauticalMilesIsInternational() {
        double lat = 35.70;
        double lon = 141.2;

        assertThat(index.distanceKm(lat, lon, java.util.Set.of("JP"))).isGreaterThan(GeoIndex.TERRITORIAL_SEA_KM);
        assertThat(index.locate(lat, lon).zone()).isEqualTo(Zone.INTERNATIONAL);
    }

    @Test
    void lakesInsideSubdivisionsAreLandButTheMiddleOfTheCaspianIsNot() {
        assertThat(index.locate(53.5, 108.0).subdivision().code()).as("Lake Baikal").isEqualTo("RU-IRK");
        assertThat(index.locate(44.0, -87.0).subdivision().code()).as("Lake Michigan").isEqualTo("US-MI");
        assertThat(index.locate(42.0, 50.5).zone()).as("Caspian Sea").isEqualTo(Zone.INTERNATIONAL);
    }

    @Test
    void midPacificIsInternational() {
        GeoLocation location = index.locate(20.0, -140.0);

        assertThat(location.zone()).isEqualTo(Zone.INTERNATIONAL);
        assertThat(location.country()).isNull();
        assertThat(location.subdivision()).isNull();
    }

    @ParameterizedTest(name = "lat={0} lon={1}")
    @CsvSource({"NaN, 0", "90.0001, 0", "-91, 0", "Infinity, 0"})
    void invalidLatitudeIsRejectedByName(double lat, double lon) {
        assertThatThrownBy(() -> index.locate(lat, lon))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("lat must be");
    }

    @ParameterizedTest(name = "lat={0} lon={1}")
    @CsvSource({"0, NaN", "0, 180.0001", "0, -181", "0, -Infinity"})
    void invalidLongitudeIsRejectedByName(double lat, double lon) {
        assertThatThrownBy(() -> index.locate(lat, lon))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("lon must be");
        assertThatThrownBy(() -> index.distanceKm(lat, lon, java.util.Set.of("RU")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("lon must be");
    }
}
