package io.hashfence.collector.compliance;

import io.hashfence.geo.GeoLocation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The verdict on one rig at one moment: its compliance state, how far its location claim can be trusted,
 * and the evidence behind both.
 *
 * @param lat the claimed latitude, or null when the rig claims no location
 * @param lon the claimed longitude, or null when the rig claims no location
 * @param where the located claim, or null when the rig claims no location
 * @param restriction the restriction the rig is in, or null
 * @param nearestRestrictedKm distance to the nearest restricted boundary within 100 km, or null beyond
 * @param exemption the exemption that spared the rig, or null
 * @param ipCountryRestricted whether the connection comes from a country the policy restricts
 * @param borderKm distance from the located position (claimed or held) to the nearest border of its country
 *                 ({@link io.hashfence.geo.GeoIndex#borderKm}), or null without a position or beyond 100 km
 */
public record Assessment(
        ComplianceState state,
        Trust trust,
        Double lat,
        Double lon,
        GeoLocation where,
        Restriction restriction,
        Double nearestRestrictedKm,
        Exemption exemption,
        boolean ipCountryRestricted,
        List<Finding> findings,
        Instant at,
        String policy,
        Double borderKm) {

    public Assessment {
        findings = List.copyOf(findings);
    }

    /**
     * Starts an assessment with what every one has; the claimed place, restriction, distance to one, exemption
     * and IP country's restriction are added where they apply.
     */
    public static Builder builder(
            ComplianceState state, Trust trust, List<Finding> findings, Instant at, String policy) {
        return new Builder(state, trust, findings, at, policy);
    }

    public boolean has(FindingKind kind) {
        return has(findings, kind);
    }

    public boolean hasEffect(FindingKind.Effect effect) {
        return hasEffect(findings, effect);
    }

    static boolean has(List<Finding> findings, FindingKind kind) {
        for (Finding finding : findings) {
            if (finding.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    static boolean hasEffect(List<Finding> findings, FindingKind.Effect effect) {
        for (Finding finding : findings) {
            if (finding.kind().effect() == effect) {
                return true;
            }
        }
        return false;
    }

    /** The details of the findings of this kind, joined; empty if there are none. */
    public String detail(FindingKind kind) {
        StringBuilder text = new StringBuilder();
        for (Finding finding : findings) {
            if (finding.kind() == kind) {
                text.append(text.isEmpty() ? "" : "; ").append(finding.detail());
            }
        }
        return text.toString();
    }

    /** The findings as one line, for alert annotations and logs. */
    public String evidence() {
        StringBuilder text = new StringBuilder();
        for (Finding finding : findings) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(finding.kind().label()).append(": ").append(finding.detail());
        }
        return text.toString();
    }

    /** Builds an assessment; what is not set is absent (no claim, no restriction, no exemption). */
    public static final class Builder {
        private final ComplianceState state;
        private final Trust trust;
        private final List<Finding> findings;
        private final Instant at;
        private final String policy;
        private Double lat;
        private Double lon;
        private GeoLocation where;
        private Restriction restriction;
        private Double nearestRestrictedKm;
        private Exemption exemption;
        private boolean ipCountryRestricted;
        private Double borderKm;

        private Builder(ComplianceState state, Trust trust, List<Finding> findings, Instant at, String policy) {
            this.state = Objects.requireNonNull(state, "state");
            this.trust = Objects.requireNonNull(trust, "trust");
            this.findings = findings;
            this.at = Objects.requireNonNull(at, "at");
            this.policy = policy;
        }

        /** The location the rig claims and where that is. */
        public Builder claim(double claimedLat, double claimedLon, GeoLocation located) {
            lat = claimedLat;
            lon = claimedLon;
            where = Objects.requireNonNull(located, "where");
            return this;
        }

        /** @param value the restriction the rig is in, or null */
        public Builder restriction(Restriction value) {
            restriction = value;
            return this;
        }

        /** @param km distance to the nearest restricted boundary within 100 km, or null beyond */
        public Builder nearestRestrictedKm(Double km) {
            nearestRestrictedKm = km;
            return this;
        }

        /** @param value the exemption that spared the rig, or null */
        public Builder exemption(Exemption value) {
            exemption = value;
            return this;
        }

        public Builder ipCountryRestricted(boolean value) {
            ipCountryRestricted = value;
            return this;
        }

        /** @param km distance from the located position to the nearest border of its country, or null */
        public Builder borderKm(Double km) {
            borderKm = km;
            return this;
        }

        public Assessment build() {
            return new Assessment(
                    state,
                    trust,
                    lat,
                    lon,
                    where,
                    restriction,
                    nearestRestrictedKm,
                    exemption,
                    ipCountryRestricted,
                    findings,
                    at,
                    policy,
                    borderKm);
        }
    }
}
