package io.hashfence.collector.compliance;

import java.util.Optional;

/**
 * The country the connection's public IP address is registered in should be the country the rig claims
 * to be in. A rig behind a VPN or satellite link may differ honestly, which is why this lowers trust
 * rather than deciding the state.
 */
final class IpCountryRule implements EvidenceRule {
    @Override
    public Optional<Finding> examine(Observation observation) {
        ConnectionFacts connection = observation.connection();
        if (connection.clientAddress() == null) {
            return Optional.of(new Finding(FindingKind.IP_COUNTRY_UNKNOWN, "client address unknown"));
        }
        String address = connection.clientAddress().getHostAddress();
        if (!connection.publicAddress()) {
            return Optional.of(new Finding(FindingKind.IP_COUNTRY_UNKNOWN, address + " is not a public address"));
        }
        if (connection.ipCountry().isEmpty()) {
            return Optional.of(new Finding(FindingKind.IP_COUNTRY_UNKNOWN, address + " is not in the IP database"));
        }
        String ipCountry = connection.ipCountry().get();
        String claimed = observation.where().country() == null
                ? null
                : observation.where().country().code();
        if (ipCountry.equals(claimed)) {
            return Optional.of(new Finding(FindingKind.IP_COUNTRY_AGREES, address + " is registered in " + ipCountry));
        }
        return Optional.of(new Finding(
                FindingKind.IP_COUNTRY_DIFFERS,
                address + " is registered in " + ipCountry + " but the rig claims "
                        + (claimed == null ? "international waters" : claimed)));
    }
}
