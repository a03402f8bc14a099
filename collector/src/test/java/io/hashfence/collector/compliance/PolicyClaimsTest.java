package io.hashfence.collector.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.geo.GeoIndex;
import io.hashfence.geo.GeoLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A policy may restrict disputed land by the controlling state, the claiming state or the subdivision. */
class PolicyClaimsTest {
    static GeoIndex geo;
    static PolicyParser parser;

    @BeforeAll
    static void loadBoundaries() {
        geo = GeoIndex.loadBundled();
        parser = new PolicyParser(geo);
    }

    private static String restrictionAt(String policyCodes, double lat, double lon) throws Exception {
        StringBuilder yaml = new StringBuilder("restricted:\n");
        for (String code : policyCodes.split(",")) {
            yaml.append("  - code: ").append(code).append("\n    reason: test\n");
        }
        Policy policy = parser.parse(yaml.toString(), "test.yml");
        GeoLocation where = geo.locate(lat, lon);
        return policy.restrictionAt(where).map(r -> r.jurisdiction().code()).orElse("none");
    }

    @Test
    void crimeaIsRestrictedByTheControllerTheClaimantOrItsSubdivision() throws Exception {
        assertThat(restrictionAt("RU", 44.95, 34.10)).isEqualTo("RU");
        assertThat(restrictionAt("UA", 44.95, 34.10)).isEqualTo("UA");
        assertThat(restrictionAt("UA-43", 44.95, 34.10)).isEqualTo("UA-43");
        assertThat(restrictionAt("BY", 44.95, 34.10)).isEqualTo("none");
    }

    @Test
    void contestedOblastsAreNotRestrictedByThePartialHoldersCodeButByTheirSubdivision() throws Exception {
        double zaporizhzhiaCityLat = 47.84;
        double zaporizhzhiaCityLon = 35.14;

        assertThat(restrictionAt("RU", zaporizhzhiaCityLat, zaporizhzhiaCityLon))
                .isEqualTo("none");
        assertThat(restrictionAt("UA-23", zaporizhzhiaCityLat, zaporizhzhiaCityLon))
                .isEqualTo("UA-23");
        assertThat(restrictionAt("UA", zaporizhzhiaCityLat, zaporizhzhiaCityLon))
                .isEqualTo("UA");
    }

    @Test
    void narvaIsNotRestrictedByAPolicyOnRussiaAndIvangorodIs() throws Exception {
        assertThat(restrictionAt("RU", 59.3772, 28.1903)).isEqualTo("none");
        assertThat(restrictionAt("RU", 59.3703, 28.2197)).isEqualTo("RU");
    }

    @Test
    void southOssetiaIsRestrictedByTheControllerTheClaimantOrTheClaimantsSubdivision() throws Exception {
        double tskhinvaliLat = 42.2276;
        double tskhinvaliLon = 43.9686;

        assertThat(restrictionAt("RU", tskhinvaliLat, tskhinvaliLon)).isEqualTo("RU");
        assertThat(restrictionAt("GE", tskhinvaliLat, tskhinvaliLon)).isEqualTo("GE");
        assertThat(restrictionAt("GE-SK", tskhinvaliLat, tskhinvaliLon)).isEqualTo("GE-SK");
        assertThat(restrictionAt("RU", 41.9842, 44.1158)).as("Gori, outside").isEqualTo("none");
    }

    @Test
    void theGolanIsRestrictedByTheControllerTheClaimantOrQuneitra() throws Exception {
        assertThat(restrictionAt("IL", 32.99, 35.69)).isEqualTo("IL");
        assertThat(restrictionAt("SY", 32.99, 35.69)).isEqualTo("SY");
        assertThat(restrictionAt("SY-QU", 32.99, 35.69)).isEqualTo("SY-QU");
        assertThat(restrictionAt("SY", 32.79, 35.53)).as("Tiberias, outside").isEqualTo("none");
    }
}
