package io.hashfence.collector.compliance;

import io.hashfence.geo.GeoLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a claim outside a restricted place is a credible move out of the position that holds the rig's
 * verdict. It is not while any of these stand: no fresh location, a spoofing suspicion, a travel time too
 * short for the distance (by the rig's timestamps and by the collector's clock, whichever is shorter), a
 * connection that contradicts the claimed country (IP country, PROXY-protocol address, RTT bound), or a
 * claim that conflicts with other evidence.
 */
final class CredibleDeparture {
    private final double maxSpeedKmh;

    CredibleDeparture(double maxSpeedKmh) {
        this.maxSpeedKmh = maxSpeedKmh;
    }

    /**
     * @param fix the claim, or null when the rig sent no location
     * @param where the located claim, or null with {@code fix}
     * @param findings the claim's findings so far
     * @return why the claim is no credible move out; empty when it is one
     */
    List<String> objections(
            HeldLocation held,
            Fix fix,
            GeoLocation where,
            List<Finding> findings,
            ConnectionFacts connection,
            Instant now,
            Instant withheldSince) {
        List<String> objections = new ArrayList<>();
        if (fix == null) {
            objections.add("location withheld since " + (withheldSince == null ? now : withheldSince));
            return objections;
        }
        if (Assessment.has(findings, FindingKind.STALE_LOCATION)) {
            objections.add("the claim is stale");
        }
        if (Assessment.has(findings, FindingKind.SPOOF_SUSPECTED)) {
            objections.add("the rig is suspected of spoofing its location");
        }
        double km = fix.kmTo(held.fix());
        Duration byRig = Duration.between(held.fix().time(), fix.time());
        Duration byCollector = Duration.between(held.seenAt(), now);
        Duration elapsed = byRig.compareTo(byCollector) < 0 ? byRig : byCollector;
        Duration needed = Duration.ofNanos((long) Math.ceil(km / maxSpeedKmh * 3.6e12));
        if (elapsed.compareTo(needed) < 0) {
            objections.add(String.format(
                    "%.0f km from there takes at least %s at %.0f km/h, but only %s passed",
                    km, words(needed), maxSpeedKmh, words(elapsed.isNegative() ? Duration.ZERO : elapsed)));
        }
        String claimed = where.country() == null ? null : where.country().code();
        connection
                .ipCountry()
                .filter(country -> connection.publicAddress() && !country.equals(claimed))
                .ifPresent(country -> objections.add("the connection's address "
                        + connection.clientAddress().getHostAddress() + " is registered in " + country));
        if (Assessment.has(findings, FindingKind.BEYOND_RTT_BOUND)) {
            objections.add("the round-trip time rules the claimed position out");
        }
        findings.stream()
                .filter(f -> f.kind().effect() == FindingKind.Effect.CONFLICTS
                        && f.kind() != FindingKind.SPOOF_SUSPECTED
                        && f.kind() != FindingKind.IP_COUNTRY_DIFFERS)
                .forEach(f -> objections.add(
                        "the claim conflicts with other evidence (" + f.kind().label() + ")"));
        return objections;
    }

    private static String words(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return duration.toSeconds() + " s";
        }
        return minutes < 120 ? minutes + " min" : String.format("%.1f h", minutes / 60.0);
    }
}
