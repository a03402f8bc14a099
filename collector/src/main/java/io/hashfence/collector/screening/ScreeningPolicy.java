package io.hashfence.collector.screening;

import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.compliance.Severity;
import io.hashfence.collector.fleet.RigKey;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code screening:} section of the policy: whether and how urgently to alert on payouts to sanctioned
 * addresses, pools in restricted countries or on denied hosts, and rigs connecting from designated
 * hosting networks; and the exemptions from these alerts.
 *
 * @param poolCountries the countries a pool must not be in; null means the countries the policy restricts
 * @param poolDenyHosts pool host names denied outright; {@code *.example.com} denies the subdomains of example.com
 */
public record ScreeningPolicy(
        boolean payouts,
        Severity payoutSeverity,
        Set<String> poolCountries,
        Severity poolSeverity,
        List<String> poolDenyHosts,
        List<DesignatedNetwork> networks,
        Severity networkSeverity,
        List<ScreeningExemption> exemptions) {

    public static final ScreeningPolicy DEFAULT = new ScreeningPolicy(
            true, Severity.CRITICAL, null, Severity.WARNING, List.of(), List.of(), Severity.CRITICAL, List.of());

    public ScreeningPolicy {
        poolCountries = poolCountries == null ? null : Set.copyOf(poolCountries);
        poolDenyHosts = List.copyOf(poolDenyHosts);
        networks = List.copyOf(networks);
        exemptions = List.copyOf(exemptions);
    }

    /** The deny-list entry a pool host matches, if any (host names compare case-insensitively). */
    public Optional<String> deniedHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        for (String entry : poolDenyHosts) {
            boolean match = entry.startsWith("*.") ? name.endsWith(entry.substring(1)) : name.equals(entry);
            if (match) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** Whether a designated network is named by its AS, which takes the IP-to-ASN table to match. */
    public boolean listsAsns() {
        return networks.stream().anyMatch(DesignatedNetwork::byAsn);
    }

    public Optional<ScreeningExemption> exemptionFor(RigKey rig, AlertType type, Instant now) {
        return exemptions.stream().filter(e -> e.covers(rig, type, now)).findFirst();
    }
}
