package io.hashfence.collector.compliance;

import java.util.List;
import java.util.Optional;

/**
 * What in one message is a sign that the rig's location is spoofed: an impossible jump out of a restricted
 * place, positions that move less than any real receiver's noise or repeat exactly, a fix its source marks
 * simulated, and a claim outside any restricted place from a connection whose address is registered in a
 * restricted country. Honest rigs show none of these: a fixed rig with a real GPS wanders by metres, and a
 * static declaration is not held to a receiver's noise.
 */
final class SpoofSigns {
    private SpoofSigns() {}

    /**
     * @param held the position holding the rig's verdict before this message, or null
     * @param claimedRestriction the restriction at the claimed position, or null
     * @param claimedCountry the claimed country's code, or null
     */
    static Optional<String> in(
            ConnectionFacts connection,
            List<Finding> findings,
            HeldLocation held,
            Restriction claimedRestriction,
            boolean ipCountryRestricted,
            String claimedCountry) {
        for (Finding finding : findings) {
            switch (finding.kind()) {
                case IMPOSSIBLE_TRAVEL -> {
                    if (held != null && claimedRestriction == null) {
                        return Optional.of("impossible jump out of " + held.place() + ": " + finding.detail());
                    }
                }
                case FROZEN_COORDINATES, REPEATING_POSITIONS, SIMULATED_FIX -> {
                    return Optional.of(finding.detail());
                }
                default -> {}
            }
        }
        if (ipCountryRestricted && claimedRestriction == null) {
            return Optional.of("the rig claims " + (claimedCountry == null ? "international waters" : claimedCountry)
                    + " but connects from " + connection.clientAddress().getHostAddress() + ", registered in "
                    + connection.ipCountry().orElseThrow() + ", which the policy restricts");
        }
        return Optional.empty();
    }
}
