package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.RunningCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The known answers of issue #15 through {@code GET /api/v1/locate} of a running collector: towns on the
 * right side of 10-metre borders, disputed land with its controlling and claiming state, small islands,
 * territorial and international waters, and {@code border_km}. The policy restricts only UA, so that
 * Crimea (RU de facto, claimed by UA) shows a policy matching the claiming state.
 */
class LocateEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static RunningCollector collector;

    @BeforeAll
    static void start() throws Exception {
        Path policy = dir.resolve("policy.yml");
        Files.writeString(policy, "restricted:\n  - code: UA\n    reason: test policy naming only Ukraine\n");
        collector = new RunningCollector(dir.resolve("data"), config -> config.withPolicyFile(policy));
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    private static JsonNode locate(double lat, double lon) throws Exception {
        var response = MetricsScrape.get(collector.http(), "/api/v1/locate?lat=" + lat + "&lon=" + lon);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Narva,           59.3772,  28.1903,  land, EE, EE-45",
        "Ivangorod,       59.3703,  28.2197,  land, RU, RU-LEN",
        "Kuznica,         53.5108,  23.6519,  land, PL, PL-20",
        "Hyesan,          41.4017, 128.1775,  land, KP, KP-10",
        "Changbai,        41.42,   128.20,    land, CN, CN-JL",
        "Bagrationovsk,   54.387,   20.64,    land, RU, RU-KGD",
        "Lotfabad,        37.5186,  59.3423,  land, IR, IR-30",
        "Julfa,           38.9558,  45.6306,  land, AZ, AZ-CUL",
        "Gori,            41.9842,  44.1158,  land, GE, GE-SK",
        "Tiberias,        32.79,    35.53,    land, IL, IL-Z",
        "10 km south of Vladivostok (Russky Island), 43.0255, 131.8855, land, RU, RU-PRI",
        "Ussuri Bay south-east of Vladivostok, 43.03, 132.05, territorial, RU, RU-PRI",
    })
    void townsAndIslandsAreInTheirCountry(
            String place, double lat, double lon, String zone, String country, String subdivision) throws Exception {
        JsonNode answer = locate(lat, lon);

        assertThat(answer.get("zone").asText()).isEqualTo(zone);
        assertThat(answer.at("/country/code").asText()).isEqualTo(country);
        assertThat(answer.at("/country/de_facto").asBoolean()).isFalse();
        assertThat(answer.get("claimed_by").isNull()).isTrue();
        assertThat(answer.get("control").asText()).isEqualTo("undisputed");
        assertThat(answer.at("/subdivision/code").asText())
                .as("Narva and Kuznica by today's ISO 3166-2 codes")
                .isEqualTo(subdivision);
        assertThat(answer.get("border_km").isNumber())
                .as("every one of them is within 100 km of a border")
                .isTrue();
    }

    @Test
    void narvaIsOnTheEstonianBankOfTheBorderRiverAndNotRestricted() throws Exception {
        JsonNode narva = locate(59.3772, 28.1903);

        assertThat(narva.get("border_km").asDouble()).isBetween(0.3, 1.5);
        assertThat(narva.at("/policy/restricted").isNull()).isTrue();
    }

    @Test
    void izvaryneIsUkraineWhichRussiaClaims() throws Exception {
        JsonNode izvaryne = locate(48.33, 39.84);

        assertThat(izvaryne.at("/country/code").asText()).isEqualTo("UA");
        assertThat(izvaryne.at("/claimed_by/code").asText()).isEqualTo("RU");
        assertThat(izvaryne.get("control").asText()).isEqualTo("contested");
        assertThat(izvaryne.at("/country/de_facto").asBoolean()).isFalse();
        assertThat(izvaryne.at("/subdivision/code").asText()).isEqualTo("UA-09");
        assertThat(izvaryne.get("border_km").asDouble())
                .as("at the Russian border crossing")
                .isLessThan(2.0);
    }

    @Test
    void simferopolIsRussiaDeFactoClaimedByUkraineInUa43AndAPolicyOnUaMatchesIt() throws Exception {
        JsonNode simferopol = locate(44.95, 34.10);

        assertThat(simferopol.get("zone").asText()).isEqualTo("land");
        assertThat(simferopol.at("/country/code").asText()).isEqualTo("RU");
        assertThat(simferopol.at("/country/de_facto").asBoolean()).isTrue();
        assertThat(simferopol.at("/claimed_by/code").asText()).isEqualTo("UA");
        assertThat(simferopol.at("/claimed_by/name").asText()).isEqualTo("Ukraine");
        assertThat(simferopol.get("control").asText()).isEqualTo("de_facto");
        assertThat(simferopol.at("/subdivision/code").asText()).isEqualTo("UA-43");
        assertThat(simferopol.at("/policy/restricted/code").asText()).isEqualTo("UA");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Tskhinvali (South Ossetia), 42.2276, 43.9686, RU, GE, Georgia, GE-SK",
        "Katzrin (Golan Heights),    32.99,   35.69,   IL, SY, Syria,   SY-QU",
    })
    void outlinedDisputedLandIsTheControllerDeFactoClaimedByTheClaimantInItsSubdivision(
            String place,
            double lat,
            double lon,
            String country,
            String claimant,
            String claimantName,
            String subdivision)
            throws Exception {
        JsonNode answer = locate(lat, lon);

        assertThat(answer.get("zone").asText()).isEqualTo("land");
        assertThat(answer.at("/country/code").asText()).isEqualTo(country);
        assertThat(answer.at("/country/de_facto").asBoolean()).isTrue();
        assertThat(answer.at("/claimed_by/code").asText()).isEqualTo(claimant);
        assertThat(answer.at("/claimed_by/name").asText()).isEqualTo(claimantName);
        assertThat(answer.get("control").asText()).isEqualTo("de_facto");
        assertThat(answer.at("/subdivision/code").asText()).isEqualTo(subdivision);
        assertThat(answer.at("/policy/restricted").isNull())
                .as("the test policy names only UA")
                .isTrue();
    }

    @Test
    void theOpenSeaOfJapanIsInternationalWithNoBorderWithin100Km() throws Exception {
        JsonNode sea = locate(41.5, 134.0);

        assertThat(sea.get("zone").asText()).isEqualTo("international");
        assertThat(sea.get("country").isNull()).isTrue();
        assertThat(sea.get("claimed_by").isNull()).isTrue();
        assertThat(sea.get("subdivision").isNull()).isTrue();
        assertThat(sea.get("border_km").isNull()).isTrue();
    }

    @Test
    void aMicronesianAtollNaturalEarthLeavesOutIsMicronesianWater() throws Exception {
        JsonNode ulithi = locate(10.02, 139.72);

        assertThat(ulithi.get("zone").asText()).isEqualTo("territorial");
        assertThat(ulithi.at("/country/code").asText()).isEqualTo("FM");
        assertThat(ulithi.get("subdivision").isNull()).isTrue();
    }

    @Test
    void antarcticaHasNoIsoSubdivision() throws Exception {
        JsonNode antarctica = locate(-80.0, 0.0);

        assertThat(antarctica.at("/country/code").asText()).isEqualTo("AQ");
        assertThat(antarctica.get("subdivision").isNull())
                .as("AQ-X01~ is no ISO 3166-2 code")
                .isTrue();
    }
}
