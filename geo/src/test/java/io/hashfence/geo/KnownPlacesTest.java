package io.hashfence.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnownPlacesTest {
    private final GeoIndex index = SharedIndex.INDEX;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Irkutsk,       52.29,  104.29, RU, RU-IRK",
        "Tehran,        35.69,   51.39, IR, IR-07",
        "Pyongyang,     39.02,  125.75, KP, KP-01",
        "Havana,        23.11,  -82.37, CU, CU-03",
        "Tokyo,         35.68,  139.69, JP, JP-13",
        "Austin,        30.27,  -97.74, US, US-TX",
        "Minsk,         53.90,   27.56, BY, BY-HM",
        "Rome,          41.89,   12.51, IT, IT-RM",
        "Suva Fiji,    -18.14,  178.44, FJ, FJ-C",
        // issue #15: towns Natural Earth's generalised borders put in the neighbouring country
        "Ivangorod,     59.3703, 28.2197, RU, RU-LEN",
        "Hyesan,        41.4017, 128.1775, KP, KP-10",
        "Changbai,      41.42,   128.20, CN, CN-JL",
        "Bagrationovsk, 54.387,  20.64,  RU, RU-KGD",
        "Lotfabad,      37.5186, 59.3423, IR, IR-30",
        "Julfa,         38.9558, 45.6306, AZ, AZ-CUL",
    })
    void knownPlacesAreOnLandInTheirCountryAndSubdivision(
            String place, double lat, double lon, String country, String subdivision) {
        GeoLocation location = index.locate(lat, lon);

        assertThat(location.zone()).isEqualTo(Zone.LAND);
        assertThat(location.country().code()).isEqualTo(country);
        assertThat(location.subdivision().code()).isEqualTo(subdivision);
        assertThat(location.claimedBy()).isNull();
        assertThat(location.subdivision().code())
                .as("the subdivision belongs to the country")
                .startsWith(country + "-");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Simferopol,       44.95,   34.10, RU, UA, UA-43,  DE_FACTO",
        "Sevastopol,       44.60,   33.53, RU, UA, UA-40,  DE_FACTO",
        "Izvaryne,         48.33,   39.84, UA, RU, UA-09,  CONTESTED",
        "Donetsk,          48.00,   37.80, UA, RU, UA-14,  CONTESTED",
        "Sukhumi,          43.00,   41.02, RU, GE, GE-AB,  DE_FACTO",
        "Tiraspol,         46.84,   29.63, RU, MD, MD-BD,  DE_FACTO",
    })
    void disputedLandNamesTheControllingAndTheClaimingState(
            String place,
            double lat,
            double lon,
            String country,
            String claimedBy,
            String subdivision,
            Control control) {
        GeoLocation location = index.locate(lat, lon);

        assertThat(location.zone()).isEqualTo(Zone.LAND);
        assertThat(location.country().code()).isEqualTo(country);
        assertThat(location.claimedBy().code()).isEqualTo(claimedBy);
        assertThat(location.control()).isEqualTo(control);
        assertThat(location.subdivision().code()).isEqualTo(subdivision);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Laayoune (MA-15~),  27.15, -13.20, MA, EH",
        "Ramallah (PS-WBK~), 31.90,  35.20, IL, PS",
    })
    void disputedLandWithAnOutdatedCodeNamesBothStatesAndNoSubdivision(
            String place, double lat, double lon, String country, String claimedBy) {
        GeoLocation location = index.locate(lat, lon);

        assertThat(location.country().code()).isEqualTo(country);
        assertThat(location.claimedBy().code()).isEqualTo(claimedBy);
        assertThat(location.control()).isEqualTo(Control.DE_FACTO);
        assertThat(location.subdivision()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Saint-Denis (Réunion: inside France's outline and its own), -20.88, 55.45, FR",
        "Mariehamn (Åland: inside Finland's outline and its own), 60.10, 19.94, AX",
        "Hong Kong (inside China's outline and its own), 22.30, 114.17, HK",
    })
    void aTerritoryDrawnInsideItsSovereignsOutlineTooIsNoDispute(String place, double lat, double lon, String country) {
        GeoLocation location = index.locate(lat, lon);

        assertThat(location.country().code()).isEqualTo(country);
        assertThat(location.claimedBy()).isNull();
        assertThat(location.control()).isEqualTo(Control.UNDISPUTED);
    }

    @Test
    void northernCyprusIsHeldByTurkeyClaimedByCyprusWithNoIsoSubdivision() {
        GeoLocation northNicosia = index.locate(35.20, 33.36);

        assertThat(northNicosia.country().code()).isEqualTo("TR");
        assertThat(northNicosia.claimedBy().code()).isEqualTo("CY");
        assertThat(northNicosia.subdivision())
                .as("Natural Earth's CY-X04~ is no ISO 3166-2 code")
                .isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Antarctica (AQ-X01~),   -80.0,    0.0,    AQ",
        "South Pole,             -90.0,    0.0,    AQ",
        "Pristina (XK-X20~),      42.66,  21.17,   XK",
        "Vatican (VA-X01~),       41.9029, 12.4534, VA",
        "Hargeisa (SO-X11~),       9.56,  44.06,   SO",
        "Taldykorgan (Natural Earth's Almaty region KZ-ALA; split into KZ-19 and KZ-33), 45.02, 78.37, KZ",
        "Skopje (North Macedonia's municipalities were recoded), 42.0, 21.43, MK",
    })
    void placesWhoseOnlySubdivisionCodeIsNotIsoAnswerNoSubdivision(
            String place, double lat, double lon, String country) {
        GeoLocation location = index.locate(lat, lon);

        assertThat(location.country().code()).isEqualTo(country);
        assertThat(location.subdivision()).isNull();
        assertThat(location.zone()).isEqualTo(Zone.LAND);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Narva (Natural Earth EE-44), 59.3772, 28.1903, EE, EE-45",
        "Kuznica (Natural Earth PL-PD), 53.5108, 23.6519, PL, PL-20",
        "Almaty city (Natural Earth KZ-ALA), 43.24, 76.89, KZ, KZ-75",
        "Astana (Natural Earth KZ-AST), 51.17, 71.43, KZ, KZ-71",
        "Prague (Natural Earth CZ-PR), 50.08, 14.42, CZ, CZ-10",
    })
    void naturalEarthCodesIsoHasReplacedAreAnsweredByTodaysCode(
            String place, double lat, double lon, String country, String subdivision) {
        GeoLocation location = index.locate(lat, lon);

        assertThat(location.country().code()).isEqualTo(country);
        assertThat(location.subdivision().code()).isEqualTo(subdivision);
        assertThat(index.isKnownCode(subdivision)).as("a policy may name it").isTrue();
    }

    @Test
    void everyAnsweredSubdivisionCodeIsInTheIsoList() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(15);
        int answered = 0;
        for (int i = 0; i < 20_000; i++) {
            double lat = Math.toDegrees(Math.asin(random.nextDouble(-1.0, 1.0)));
            double lon = random.nextDouble(-180.0, 180.0);
            Subdivision subdivision = index.locate(lat, lon).subdivision();
            if (subdivision != null) {
                answered++;
                assertThat(subdivision.code()).as("(%s, %s)", lat, lon).matches("[A-Z]{2}-[A-Z0-9]{1,3}");
                assertThat(subdivision.isIsoCode()).isTrue();
            }
        }
        assertThat(answered).isGreaterThan(4_000);
    }

    @Test
    void aMicronesianAtollOutsideNaturalEarthsLandIsStillMicronesia() {
        GeoLocation ulithi = index.locate(10.02, 139.72);

        assertThat(index.regionAt(10.02, 139.72))
                .as("no Natural Earth polygon here")
                .isEqualTo(-1);
        assertThat(ulithi.country().code()).isEqualTo("FM");
        assertThat(ulithi.zone()).isEqualTo(Zone.TERRITORIAL);
        assertThat(index.distanceKm(10.02, 139.72, java.util.Set.of("FM-YAP")))
                .as("Yap's Natural Earth polygons are farther than 12 nmi: no subdivision is guessed")
                .isGreaterThan(GeoIndex.TERRITORIAL_SEA_KM);
        assertThat(ulithi.subdivision()).isNull();
    }

    @Test
    void tenKmSouthOfVladivostokIsRussiaAndTheOpenSeaOfJapanIsInternational() {
        assertThat(index.locate(43.0255, 131.8855).country().code()).isEqualTo("RU");
        assertThat(index.locate(43.03, 132.05))
                .as("Ussuri Bay")
                .isEqualTo(new GeoLocation(
                        Zone.TERRITORIAL, new Country("RU", "Russia"), new Subdivision("RU-PRI", "Primor'ye")));
        assertThat(index.locate(41.5, 134.0).zone()).isEqualTo(Zone.INTERNATIONAL);
        assertThat(index.borderKm(41.5, 134.0))
                .as("farther than %s km from any sea border", GeoIndex.MAX_DISTANCE_KM)
                .isInfinite();
    }

    @Test
    void borderKmIsTheDistanceToTheNearestBorderOfTheCountry() {
        assertThat(index.borderKm(59.3772, 28.1903))
                .as("Narva, on the Narva river")
                .isBetween(0.3, 1.5);
        assertThat(index.borderKm(44.95, 34.10))
                .as("Simferopol, from Russia's coast and Crimea's isthmus")
                .isBetween(30.0, 100.0);
        assertThat(index.borderKm(52.29, 104.29))
                .as("Irkutsk, far from any border")
                .isInfinite();
        double lat = 59.3772;
        double lon = 28.1903;
        assertThat(index.borderKm(lat, lon))
                .isEqualTo(index.countryLayer()
                        .distanceToBoundaryKm(index.countryRegionAt(lat, lon), lat, lon, GeoIndex.MAX_DISTANCE_KM));
    }

    @Test
    void countryAndSubdivisionCarryNames() {
        GeoLocation irkutsk = index.locate(52.29, 104.29);

        assertThat(irkutsk.country()).isEqualTo(new Country("RU", "Russia"));
        assertThat(irkutsk.subdivision()).isEqualTo(new Subdivision("RU-IRK", "Irkutsk"));
        assertThat(irkutsk.subdivision().isIsoCode()).isTrue();
        assertThat(index.subdivisions())
                .contains(new Subdivision("AI-X00~", "Anguilla"))
                .noneMatch(subdivision -> subdivision.code().equals("AI-X00"));
    }

    @Test
    void seaWithinTwelveNauticalMilesOfJapanIsTerritorial() {
        double lat = 35.70;
        double lon = 141.0;

        GeoLocation location = index.locate(lat, lon);

        assertThat(location.zone()).isEqualTo(Zone.TERRITORIAL);
        assertThat(location.country().code()).isEqualTo("JP");
        assertThat(location.subdivision().code()).isEqualTo("JP-12");
        assertThat(index.distanceKm(lat, lon, java.util.Set.of("JP-12")))
                .isGreaterThan(0.0)
                .isLessThan(GeoIndex.TERRITORIAL_SEA_KM);
    }

    @Test
    void seaBeyondJapansTerritorialSeaIsInternational() {
        double lat = 35.70;
        double lon = 141.3;

        assertThat(index.distanceKm(lat, lon, java.util.Set.of("JP"))).isGreaterThan(0.0);
        assertThat(index.locate(lat, lon).zone()).isEqualTo(Zone.INTERNATIONAL);
    }

    @Test
    void lakesInsideSubdivisionsAreLandButTheMiddleOfTheCaspianIsNot() {
        assertThat(index.locate(53.5, 108.0).subdivision().code())
                .as("Lake Baikal")
                .isEqualTo("RU-IRK");
        assertThat(index.locate(44.0, -87.0).subdivision().code())
                .as("Lake Michigan")
                .isEqualTo("US-MI");
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
