package io.hashfence.collector.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hashfence.collector.fleet.RigKey;
import io.hashfence.geo.GeoIndex;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PolicyParserTest {
    static PolicyParser parser;

    @BeforeAll
    static void loadBoundaries() {
        parser = new PolicyParser(GeoIndex.loadBundled());
    }

    @Test
    void theDefaultIsOfacComprehensivePlusRussiaAndBelarusWithoutSyria() throws Exception {
        Policy policy = parser.defaultPolicy();
        assertThat(policy.restrictedCodes())
                .containsExactlyInAnyOrder("CU", "IR", "KP", "UA-43", "UA-40", "UA-14", "UA-09", "RU", "BY");
        assertThat(policy.restrictedCodes()).doesNotContain("SY");
        assertThat(policy.nearBorderKm()).isEqualTo(25);
        assertThat(policy.origin()).contains("ofac-comprehensive").contains("russia-belarus");
    }

    @Test
    void euPresetAddsZaporizhzhiaAndKherson() throws Exception {
        Policy policy = parser.parse("include: [eu-ukraine-regions]\n", "eu.yml");
        assertThat(policy.restrictedCodes())
                .containsExactlyInAnyOrder("UA-43", "UA-40", "UA-14", "UA-09", "UA-23", "UA-65");
    }

    @Test
    void aPolicyIncludesPresetsAddsEntriesAndExemptions() throws Exception {
        Policy policy = parser.parse("""
                include:
                  - ofac-comprehensive
                near_border_km: 40
                restricted:
                  - code: RU-IRK
                    severity: critical
                    reason: Irkutsk Oblast, named by the regulator
                  - code: CU
                    severity: warning
                    reason: downgraded for this operator
                exemptions:
                  - site: lab-01
                    rig: spoof-01
                    reason: GPS spoofing test bench
                    expires: 2027-01-01T00:00:00Z
                """, "ops.yml");
        assertThat(policy.restrictedCodes()).contains("RU-IRK", "UA-43", "CU").doesNotContain("RU");
        assertThat(policy.restrictionOf("CU"))
                .get()
                .extracting(Restriction::severity)
                .isEqualTo(Severity.WARNING);
        assertThat(policy.restrictionOf("RU-IRK"))
                .get()
                .extracting(Restriction::source)
                .isEqualTo("policy ops.yml");
        assertThat(policy.nearBorderKm()).isEqualTo(40);
        RigKey bench = new RigKey(SiteId.of("lab-01"), RigId.of("spoof-01"));
        assertThat(policy.exemptionFor(bench, Instant.parse("2026-12-01T00:00:00Z")))
                .isPresent();
        assertThat(policy.exemptionFor(bench, Instant.parse("2027-01-01T00:00:00Z")))
                .as("expired")
                .isEmpty();
        assertThat(policy.exemptionFor(
                        new RigKey(SiteId.of("lab-01"), RigId.of("other")), Instant.parse("2026-12-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void errorsNameTheFileAndTheLine() {
        assertError(
                "include: [ofac-comprehensive]\nrestricted:\n  - code: RU-IRX\n    reason: typo\n",
                "p.yml line 3: RU-IRX is not a country or subdivision in the boundary data");
        assertError(
                "restricted:\n  - code: RU\n    severity: urgent\n    reason: x\n",
                "p.yml line 3: severity must be critical, warning or info, got 'urgent'");
        assertError("include: [ofac-comprehensive]\nnear_border: 25\n", "p.yml line 2: unknown key 'near_border'");
        assertError("include: [ofac]\n", "p.yml line 1: unknown preset 'ofac'");
        assertError("restricted:\n  - code: russia\n    reason: x\n", "p.yml line 2: \"russia\" is not an ISO");
        assertError("restricted:\n  - code: RU\n", "p.yml line 2: 'reason' is required here");
        assertError(
                "include: [ofac-comprehensive]\nexemptions:\n  - site: a\n    reason: r\n    expires: soon\n",
                "p.yml line 5: expires must be an RFC 3339 time");
        assertError("restricted: [\n", "p.yml line 2:");
        assertError("", "p.yml: the policy is empty");
        assertError("near_border_km: 10\n", "p.yml: the policy restricts nothing");
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> parser.parse(yaml, "p.yml"))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(message);
    }
}
