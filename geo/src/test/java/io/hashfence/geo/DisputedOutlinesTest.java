package io.hashfence.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * South Ossetia and the Golan Heights, which no subdivision outlines, answered from their outlines in Natural
 * Earth's admin-0 disputed areas layer ({@code tools/geo-import/natural-earth-disputed-areas.geojson}): the
 * state in control, the claimant and the claimant's subdivision inside; the country layer's answer outside.
 */
class DisputedOutlinesTest {
    private final GeoIndex index = SharedIndex.INDEX;

    @Test
    void theBundleHoldsBothOutlines() {
        Regions outlines = index.disputedAreaLayer().regions;

        assertThat(outlines.subdivisions)
                .extracting(Subdivision::name)
                .containsExactlyInAnyOrder("South Ossetia", "Golan Heights");
        assertThat(outlines.vertexCount())
                .as("131 + 102 vertices, as in the source")
                .isEqualTo(233);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Tskhinvali,                         42.2276, 43.9686, RU, GE, GE-SK",
        "Java,                               42.3986, 43.9278, RU, GE, GE-SK",
        "Akhalgori,                          42.1257, 44.4843, RU, GE, GE-MM",
        "Kvaisa,                             42.5167, 43.6667, RU, GE, GE-RL",
        "330 m inside the edge at Ergneti,   42.1481, 43.9645, RU, GE, GE-SK",
        "Katzrin,                            32.99,   35.69,   IL, SY, SY-QU",
        "Majdal Shams,                       33.27,   35.77,   IL, SY, SY-QU",
        "320 m inside the edge near Quneitra, 33.1193, 35.8080, IL, SY, SY-QU",
        "320 m inside the edge above the Jordan, 32.95, 35.6205, IL, SY, SY-QU",
    })
    void insideAnOutlineTheControllerIsTheCountryAndTheClaimantsSubdivisionIsAnswered(
            String place, double lat, double lon, String country, String claimedBy, String subdivision) {
        GeoLocation location = index.locate(lat, lon);

        assertThat(location.zone()).isEqualTo(Zone.LAND);
        assertThat(location.country().code()).isEqualTo(country);
        assertThat(location.claimedBy().code()).isEqualTo(claimedBy);
        assertThat(location.control()).isEqualTo(Control.DE_FACTO);
        assertThat(location.subdivision().code()).isEqualTo(subdivision);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Gori,                               41.9842, 44.1158, GE, GE-SK",
        "330 m outside the edge at Ergneti,  42.1421, 43.9645, GE, GE-SK",
        "Tiberias,                           32.79,   35.53,   IL, IL-Z",
        "Quneitra's Syrian side,             33.07,   35.87,   SY, SY-QU",
        "320 m outside the edge above the Jordan, 32.95, 35.6137, IL, IL-Z",
    })
    void outsideTheOutlinesTheCountryLayerAnswersWithNoClaimant(
            String place, double lat, double lon, String country, String subdivision) {
        GeoLocation location = index.locate(lat, lon);

        assertThat(location.zone()).isEqualTo(Zone.LAND);
        assertThat(location.country().code()).isEqualTo(country);
        assertThat(location.claimedBy()).isNull();
        assertThat(location.control()).isEqualTo(Control.UNDISPUTED);
        assertThat(location.subdivision().code()).isEqualTo(subdivision);
    }

    @Test
    void theOutlineIsALineOfControlThatBorderKmMeasuresOnBothSides() {
        assertThat(index.borderKm(42.2276, 43.9686))
                .as("Tskhinvali: to the outline, not to Georgia's border with Russia 35 km north")
                .isLessThan(12.0);
        assertThat(index.borderKm(41.9842, 44.1158))
                .as("Gori: to the outline north of it")
                .isLessThan(12.0);
        assertThat(index.borderKm(42.1451, 43.96448))
                .as("on a vertex-to-vertex edge of the outline (42.1451 N, rounded from 42.145103)")
                .isLessThan(0.01);
    }

    @Test
    void theDistanceToAJurisdictionReachesTheOutlinedAreasItIsAnsweredIn() {
        assertThat(index.distanceKm(42.2276, 43.9686, Set.of("RU")))
                .as("Tskhinvali is answered RU")
                .isZero();
        assertThat(index.distanceKm(32.99, 35.69, Set.of("SY-QU")))
                .as("Katzrin is answered SY-QU")
                .isZero();
        assertThat(index.distanceKm(32.99, 35.69, Set.of("SY")))
                .as("Katzrin is claimed by SY")
                .isZero();
        assertThat(index.distanceKm(41.9842, 44.1158, Set.of("RU")))
                .as("Gori: to the South Ossetian line, not to Russia's border 64 km away")
                .isEqualTo(index.borderKm(41.9842, 44.1158))
                .isLessThan(12.0);
        assertThat(index.distanceKm(32.79, 35.53, Set.of("SY")))
                .as("Tiberias: to the Golan, which SY claims")
                .isLessThan(12.0);
    }
}
