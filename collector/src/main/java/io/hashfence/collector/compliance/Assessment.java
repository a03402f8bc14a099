package io.hashfence.collector.compliance;

import io.hashfence.geo.GeoLocation;
import java.time.Instant;
import java.util.List;

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
 */
public record Assessment(ComplianceState state, Trust trust, Double lat, Double lon, GeoLocation where,
                         Restriction restriction, Double nearestRestrictedKm, Exemption exemption,
                         boolean ipCountryRestricted, List<Finding> findings, Instant at, String policy) {

    public Assessment {
        findings = List.copyOf(findings);
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
}
