package io.hashfence.collector.compliance;

import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.screening.ScreeningPolicy;
import io.hashfence.geo.Control;
import io.hashfence.geo.GeoLocation;
import io.hashfence.geo.RegionSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The operator's sanctions policy: restricted jurisdictions, the near-border buffer that yields a
 * warning, and exemptions. A restriction matches a location whose country or subdivision has its code,
 * and land held de facto against another state's claim also by the claiming state's code: a rule for
 * UA-43, for RU or for UA each covers Crimea (RU de facto, claimed by UA). Land a state claims and holds
 * only in part (Donetsk oblast: UA, contested by RU) is not matched by the partial holder's code, since the
 * data cannot tell which part a rig is in; name the subdivision (UA-14) to restrict it.
 *
 * @param origin where it came from, for logs, alerts and reports
 * @param restrictedRegions the jurisdictions of {@code restrictions} resolved to boundaries once, because every
 *                          located message asks how far the nearest one is
 * @param screening the {@code screening:} section: payouts, pools and hosting networks
 */
public record Policy(
        List<Restriction> restrictions,
        double nearBorderKm,
        List<Exemption> exemptions,
        List<String> presets,
        String origin,
        RegionSet restrictedRegions,
        ScreeningPolicy screening) {

    public Policy {
        restrictions = List.copyOf(restrictions);
        exemptions = List.copyOf(exemptions);
        presets = List.copyOf(presets);
    }

    /** The codes of the restricted jurisdictions (upper case). */
    public Set<String> restrictedCodes() {
        return restrictedRegions.codes();
    }

    /** The most severe restriction covering the location, if any. */
    public Optional<Restriction> restrictionAt(GeoLocation location) {
        return mostSevere(r -> matches(r.jurisdiction(), location));
    }

    public Optional<Restriction> restrictionOf(String code) {
        return mostSevere(r -> r.jurisdiction().code().equals(code));
    }

    /** A loop rather than a stream: every located message asks. */
    private Optional<Restriction> mostSevere(Predicate<Restriction> applies) {
        Restriction worst = null;
        for (Restriction restriction : restrictions) {
            if (applies.test(restriction)
                    && (worst == null || restriction.severity().compareTo(worst.severity()) < 0)) {
                worst = restriction;
            }
        }
        return Optional.ofNullable(worst);
    }

    public Optional<Exemption> exemptionFor(RigKey rig, Instant now) {
        for (Exemption exemption : exemptions) {
            if (exemption.covers(rig, now)) {
                return Optional.of(exemption);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Jurisdiction jurisdiction, GeoLocation location) {
        String code = jurisdiction.code();
        return (location.country() != null && code.equals(location.country().code()))
                || (location.control() == Control.DE_FACTO
                        && code.equals(location.claimedBy().code()))
                || (location.subdivision() != null
                        && code.equals(location.subdivision().code()));
    }
}
