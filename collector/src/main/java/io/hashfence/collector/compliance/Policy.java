package io.hashfence.collector.compliance;

import io.hashfence.collector.fleet.RigKey;
import io.hashfence.geo.GeoLocation;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's sanctions policy: restricted jurisdictions, the near-border buffer that yields a
 * warning, and exemptions. A restriction matches a location whose country or subdivision has its code,
 * so a rule for UA-43 holds whichever country the boundary data puts Crimea under.
 *
 * @param origin where it came from, for logs, alerts and reports
 * @param restrictedCodes the codes of {@code restrictions}, worked out once here because every located
 *                        message asks for them
 */
public record Policy(List<Restriction> restrictions, double nearBorderKm, List<Exemption> exemptions,
                     List<String> presets, String origin, Set<String> restrictedCodes) {

    public Policy {
        restrictions = List.copyOf(restrictions);
        exemptions = List.copyOf(exemptions);
        presets = List.copyOf(presets);
        restrictedCodes = restrictions.stream().map(r -> r.jurisdiction().code())
                .collect(Collectors.toUnmodifiableSet());
    }

    public Policy(List<Restriction> restrictions, double nearBorderKm, List<Exemption> exemptions, List<String> presets,
                  String origin) {
        this(restrictions, nearBorderKm, exemptions, presets, origin, Set.of());
    }

    /** The most severe restriction covering the location, if any. */
    public Optional<Restriction> restrictionAt(GeoLocation location) {
        return restrictions.stream()
                .filter(r -> matches(r.jurisdiction(), location))
                .min(Comparator.comparing(Restriction::severity));
    }

    public Optional<Restriction> restrictionOf(String code) {
        return restrictions.stream().filter(r -> r.jurisdiction().code().equals(code))
                .min(Comparator.comparing(Restriction::severity));
    }

    public Optional<Exemption> exemptionFor(RigKey rig, Instant now) {
        return exemptions.stream().filter(e -> e.covers(rig, now)).findFirst();
    }

    private static boolean matches(Jurisdiction jurisdiction, GeoLocation location) {
        String code = jurisdiction.code();
        return (location.country() != null && code.equals(location.country().code()))
                || (location.subdivision() != null && code.equals(location.subdivision().code()));
    }
}
