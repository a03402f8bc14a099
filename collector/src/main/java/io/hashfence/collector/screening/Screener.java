package io.hashfence.collector.screening;

import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.compliance.ConnectionFacts;
import io.hashfence.collector.compliance.IpCountryDatabase;
import io.hashfence.collector.compliance.Policy;
import io.hashfence.collector.compliance.Restriction;
import io.hashfence.collector.compliance.Severity;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.protocol.IpLiteral;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.Telemetry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The screening stage: where a rig's money and traffic go, as opposed to where it is. For each message it
 * checks every pool's payout candidates against the sanctions list, every pool's host against the deny
 * list and its located address against the restricted countries, and the rig's connection against the
 * designated hosting networks (by CIDR, or by the AS the bundled IP-to-ASN table says announces it). It remembers the latest findings per rig for the API.
 */
public final class Screener {
    private final Supplier<SanctionsList> sanctions;
    private final Supplier<Policy> policy;
    private final IpCountryDatabase ipCountries;
    private final Supplier<IpAsnDatabase> ipAsns;
    private final Clock clock;
    private static final int ADDRESS_CACHE_SIZE = 65_536;

    private final Map<RigKey, Screening> latest = new ConcurrentHashMap<>();
    /**
     * The pool users' tokens long enough to be an address, each parsed once, since checking an address (its
     * checksum) costs microseconds: a fleet pays out to far fewer wallets than it has users (one per worker, as
     * many as its rigs), which would not fit a cache of users.
     */
    private final Map<String, Optional<ChainAddress>> addressesByToken = new ConcurrentHashMap<>();

    public Screener(
            Supplier<SanctionsList> sanctions,
            Supplier<Policy> policy,
            IpCountryDatabase ipCountries,
            Supplier<IpAsnDatabase> ipAsns,
            Clock clock) {
        this.sanctions = sanctions;
        this.policy = policy;
        this.ipCountries = ipCountries;
        this.ipAsns = ipAsns;
        this.clock = clock;
    }

    /**
     * Reads the IP-to-ASN table now if the policy names a network by its AS, so that the first message
     * screened does not wait for it; call it on a policy load or change, off the event loop.
     */
    public void prepareFor(Policy current) {
        if (current.screening().listsAsns()) {
            ipAsns.get();
        }
    }

    public Screening screen(RigKey rig, Telemetry telemetry, ConnectionFacts connection) {
        Instant now = clock.instant();
        Policy current = policy.get();
        ScreeningPolicy rules = current.screening();
        SanctionsList list = sanctions.get();
        List<ScreeningFinding> findings = new ArrayList<>();
        for (Pool pool : telemetry.pools()) {
            if (rules.payouts()) {
                payouts(rig, pool, rules, list, now, findings);
            }
            poolPlace(rig, pool, current, rules, now, findings);
        }
        network(rig, connection, rules, now, findings);
        Screening screening = new Screening(findings, now, list.source() + ", published " + list.published());
        if (findings.isEmpty()) {
            latest.remove(rig);
        } else {
            latest.put(rig, screening);
        }
        return screening;
    }

    /** The latest screening of a rig that found something. */
    public Optional<Screening> find(RigKey rig) {
        return Optional.ofNullable(latest.get(rig));
    }

    private void payouts(
            RigKey rig,
            Pool pool,
            ScreeningPolicy rules,
            SanctionsList list,
            Instant now,
            List<ScreeningFinding> findings) {
        Set<ChainAddress> candidates = new LinkedHashSet<>(candidates(pool.user()));
        pool.urlUser().ifPresent(user -> candidates.addAll(candidates(user)));
        for (ListedAddress hit : list.find(candidates)) {
            String listed = hit.listDate()
                    .map(date -> "listed " + date)
                    .orElse("on the SDN list as of " + list.published() + " (the list gives no date)");
            StringBuilder evidence = new StringBuilder("payout address ")
                    .append(hit.address())
                    .append(" (")
                    .append(hit.asset())
                    .append(", ")
                    .append(listed);
            if (!hit.programmes().isEmpty()) {
                evidence.append(", programmes ").append(hit.programmes());
            }
            if (!hit.entity().isEmpty()) {
                evidence.append(", ").append(hit.entity());
            }
            evidence.append(") in the user of pool ")
                    .append(name(pool))
                    .append("; list: ")
                    .append(list.source());
            add(
                    findings,
                    rig,
                    AlertType.PAYOUT_TO_SANCTIONED_ADDRESS,
                    rules.payoutSeverity(),
                    "",
                    "pool payouts go to an SDN-listed " + hit.asset() + " address",
                    evidence.toString(),
                    rules,
                    now);
        }
    }

    private void poolPlace(
            RigKey rig,
            Pool pool,
            Policy current,
            ScreeningPolicy rules,
            Instant now,
            List<ScreeningFinding> findings) {
        Optional<String> host = pool.host();
        host.flatMap(rules::deniedHost)
                .ifPresent(entry -> add(
                        findings,
                        rig,
                        AlertType.POOL_IN_RESTRICTED_JURISDICTION,
                        rules.poolSeverity(),
                        "",
                        "pool host " + host.get() + " is on the policy's deny list",
                        "pool " + name(pool) + " matches deny_hosts entry " + entry,
                        rules,
                        now));
        String address = pool.address() != null
                ? pool.address()
                : host.filter(IpLiteral::isValid).orElse(null);
        if (address == null) {
            return;
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return;
        }
        if (!IpCountryDatabase.isPublic(ip)) {
            return;
        }
        ipCountries
                .country(ip)
                .filter(country -> rules.poolCountries() == null
                        ? current.restrictedCodes().contains(country)
                        : rules.poolCountries().contains(country))
                .ifPresent(country -> {
                    String reason = current.restrictionOf(country)
                            .map(Restriction::reason)
                            .orElse("restricted by screening.pools.restricted_countries");
                    add(
                            findings,
                            rig,
                            AlertType.POOL_IN_RESTRICTED_JURISDICTION,
                            rules.poolSeverity(),
                            country,
                            "pool " + host.orElse(address) + " is in " + country + ", restricted: " + reason,
                            "pool " + name(pool) + " connects to " + address + ", registered in " + country
                                    + " (bundled IP database)",
                            rules,
                            now);
                });
    }

    private void network(
            RigKey rig,
            ConnectionFacts connection,
            ScreeningPolicy rules,
            Instant now,
            List<ScreeningFinding> findings) {
        InetAddress client = connection.clientAddress();
        if (client == null) {
            return;
        }
        Optional<AnnouncingAs> announcing = rules.listsAsns() && IpCountryDatabase.isPublic(client)
                ? ipAsns.get().announcing(client)
                : Optional.empty();
        for (DesignatedNetwork network : rules.networks()) {
            String where;
            if (network.byAsn()) {
                if (announcing.isEmpty() || !announcing.get().asn().equals(network.asn())) {
                    continue;
                }
                where = "is announced by " + announcing.get() + " (bundled IP-to-ASN table)";
            } else if (network.cidr().contains(client)) {
                where = "is in " + network.cidr();
            } else {
                continue;
            }
            add(
                    findings,
                    rig,
                    AlertType.RIG_ON_SANCTIONED_NETWORK,
                    rules.networkSeverity(),
                    connection.ipCountry().orElse(""),
                    "rig connects from a designated hosting network: " + network.reason(),
                    "connection from " + client.getHostAddress() + " " + where + ", designated: " + network.reason(),
                    rules,
                    now);
        }
    }

    private Set<ChainAddress> candidates(String user) {
        return PayoutCandidates.of(user, this::address);
    }

    private Optional<ChainAddress> address(String token) {
        if (token.length() < ChainAddress.SHORTEST) {
            return Optional.empty();
        }
        Optional<ChainAddress> known = addressesByToken.get(token);
        if (known != null) {
            return known;
        }
        if (addressesByToken.size() >= ADDRESS_CACHE_SIZE) {
            addressesByToken.clear();
        }
        Optional<ChainAddress> parsed = ChainAddress.parse(token);
        addressesByToken.put(token, parsed);
        return parsed;
    }

    /** A pool by its host alone: its URL may carry a password, which evidence must never repeat. */
    private static String name(Pool pool) {
        return pool.host().orElse("without a host");
    }

    private static void add(
            List<ScreeningFinding> findings,
            RigKey rig,
            AlertType type,
            Severity severity,
            String country,
            String summary,
            String evidence,
            ScreeningPolicy rules,
            Instant now) {
        findings.add(new ScreeningFinding(
                type,
                severity,
                country,
                summary,
                evidence,
                rules.exemptionFor(rig, type, now).orElse(null)));
    }
}
