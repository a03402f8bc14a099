package io.hashfence.collector.screening;

import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.compliance.Exemption;
import io.hashfence.collector.compliance.PolicyException;
import io.hashfence.collector.compliance.Severity;
import io.hashfence.protocol.Ids;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the policy's {@code screening:} section; every error names the file and line, as for the rest of
 * the policy (see collector/README.md for the keys and their defaults).
 */
public final class ScreeningSection {
    private static final Set<String> KEYS = Set.of("payouts", "pools", "networks", "exemptions");
    private static final Set<String> PAYOUT_KEYS = Set.of("enabled", "severity");
    private static final Set<String> POOL_KEYS = Set.of("severity", "restricted_countries", "deny_hosts");
    private static final Set<String> NETWORK_KEYS = Set.of("severity", "designated");
    private static final Set<String> DESIGNATED_KEYS = Set.of("cidr", "asn", "reason");
    private static final Set<String> EXEMPTION_KEYS = Set.of("site", "rig", "alert", "reason", "expires");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");

    private final String origin;

    private ScreeningSection(String origin) {
        this.origin = origin;
    }

    public static ScreeningPolicy parse(Node section, String origin) throws PolicyException {
        return new ScreeningSection(origin).read(section);
    }

    private ScreeningPolicy read(Node section) throws PolicyException {
        Map<String, Node> fields = fields(section, "screening", KEYS);
        ScreeningPolicy defaults = ScreeningPolicy.DEFAULT;
        boolean payouts = defaults.payouts();
        Severity payoutSeverity = defaults.payoutSeverity();
        if (fields.containsKey("payouts")) {
            Map<String, Node> payout = fields(fields.get("payouts"), "screening.payouts", PAYOUT_KEYS);
            if (payout.containsKey("enabled")) {
                payouts = bool(payout.get("enabled"), "enabled");
            }
            payoutSeverity = severity(payout, payoutSeverity);
        }
        Set<String> poolCountries = defaults.poolCountries();
        Severity poolSeverity = defaults.poolSeverity();
        List<String> denyHosts = new ArrayList<>();
        if (fields.containsKey("pools")) {
            Map<String, Node> pools = fields(fields.get("pools"), "screening.pools", POOL_KEYS);
            poolSeverity = severity(pools, poolSeverity);
            if (pools.containsKey("restricted_countries")) {
                poolCountries = new LinkedHashSet<>();
                for (Node item : sequence(pools.get("restricted_countries"), "restricted_countries")) {
                    String code = scalar(item, "a country code");
                    if (!COUNTRY.matcher(code).matches()) {
                        throw error(
                                item,
                                "restricted_countries takes ISO 3166-1 alpha-2 codes such as RU, got '" + code
                                        + "' (pools are located by country only)");
                    }
                    poolCountries.add(code);
                }
            }
            if (pools.containsKey("deny_hosts")) {
                for (Node item : sequence(pools.get("deny_hosts"), "deny_hosts")) {
                    String host = scalar(item, "a host name").toLowerCase(Locale.ROOT);
                    if (!HOST.matcher(host).matches()) {
                        throw error(
                                item,
                                "deny_hosts takes host names such as pool.example.com or *.example.com, got '" + host
                                        + "'");
                    }
                    denyHosts.add(host);
                }
            }
        }
        List<DesignatedNetwork> networks = new ArrayList<>();
        Severity networkSeverity = defaults.networkSeverity();
        if (fields.containsKey("networks")) {
            Map<String, Node> network = fields(fields.get("networks"), "screening.networks", NETWORK_KEYS);
            networkSeverity = severity(network, networkSeverity);
            if (network.containsKey("designated")) {
                for (Node item : sequence(network.get("designated"), "designated")) {
                    networks.add(designated(item));
                }
            }
        }
        List<ScreeningExemption> exemptions =
                fields.containsKey("exemptions") ? exemptions(fields.get("exemptions")) : List.of();
        return new ScreeningPolicy(
                payouts, payoutSeverity, poolCountries, poolSeverity, denyHosts, networks, networkSeverity, exemptions);
    }

    /** A designated network: {@code cidr: 203.0.113.0/24} or {@code asn: AS214787}, with its reason. */
    private DesignatedNetwork designated(Node item) throws PolicyException {
        Map<String, Node> entry = fields(item, "a designated network", DESIGNATED_KEYS);
        if (entry.containsKey("cidr") == entry.containsKey("asn")) {
            throw error(item, "a designated network names either a cidr or an asn (such as AS214787), one of the two");
        }
        String reason = scalar(required(entry, "reason", item), "reason");
        boolean byAsn = entry.containsKey("asn");
        Node value = entry.get(byAsn ? "asn" : "cidr");
        String text = scalar(value, byAsn ? "asn" : "cidr");
        try {
            return byAsn
                    ? DesignatedNetwork.of(Asn.parse(text), reason)
                    : DesignatedNetwork.of(Cidr.parse(text), reason);
        } catch (IllegalArgumentException e) {
            throw error(value, e.getMessage());
        }
    }

    private List<ScreeningExemption> exemptions(Node node) throws PolicyException {
        List<ScreeningExemption> exemptions = new ArrayList<>();
        for (Node item : sequence(node, "exemptions")) {
            Map<String, Node> entry = fields(item, "a screening exemption", EXEMPTION_KEYS);
            String site = id(required(entry, "site", item), "site");
            RigId rig = entry.containsKey("rig") ? RigId.of(id(entry.get("rig"), "rig")) : null;
            AlertType alert = null;
            if (entry.containsKey("alert")) {
                Node alertNode = entry.get("alert");
                String name = scalar(alertNode, "alert");
                alert = AlertType.SCREENING.stream()
                        .filter(type -> type.alertName().equals(name))
                        .findFirst()
                        .orElseThrow(() -> error(
                                alertNode,
                                "alert must be one of "
                                        + String.join(
                                                ", ",
                                                AlertType.SCREENING.stream()
                                                        .map(AlertType::alertName)
                                                        .toList())
                                        + ", got '" + name + "'"));
            }
            String reason = scalar(required(entry, "reason", item), "reason");
            Node expiresNode = required(entry, "expires", item);
            Instant expires;
            try {
                expires = OffsetDateTime.parse(scalar(expiresNode, "expires")).toInstant();
            } catch (DateTimeParseException e) {
                throw error(expiresNode, "expires must be an RFC 3339 time such as 2027-01-01T00:00:00Z");
            }
            exemptions.add(new ScreeningExemption(new Exemption(SiteId.of(site), rig, reason, expires), alert));
        }
        return exemptions;
    }

    private String id(Node node, String what) throws PolicyException {
        String text = scalar(node, what);
        if (!Ids.isValid(text)) {
            throw error(node, what + " " + Ids.RULE + ", got '" + text + "'");
        }
        return text;
    }

    private Severity severity(Map<String, Node> fields, Severity otherwise) throws PolicyException {
        Node node = fields.get("severity");
        if (node == null) {
            return otherwise;
        }
        String label = scalar(node, "severity");
        return Severity.fromLabel(label)
                .orElseThrow(() -> error(node, "severity must be critical, warning or info, got '" + label + "'"));
    }

    private boolean bool(Node node, String what) throws PolicyException {
        String text = scalar(node, what);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(node, what + " must be true or false, got '" + text + "'");
        };
    }

    private Map<String, Node> fields(Node node, String what, Set<String> allowed) throws PolicyException {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping of keys to values");
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), "key");
            if (!allowed.contains(key)) {
                throw error(
                        tuple.getKeyNode(),
                        "unknown key '" + key + "' in " + what + "; expected one of "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
            if (fields.put(key, tuple.getValueNode()) != null) {
                throw error(tuple.getKeyNode(), "key '" + key + "' appears twice");
            }
        }
        return fields;
    }

    private Node required(Map<String, Node> entry, String key, Node parent) throws PolicyException {
        Node node = entry.get(key);
        if (node == null) {
            throw error(parent, "'" + key + "' is required here");
        }
        return node;
    }

    private List<Node> sequence(Node node, String what) throws PolicyException {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        throw error(node, what + " must be a list");
    }

    private String scalar(Node node, String what) throws PolicyException {
        if (node instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
            return scalar.getValue().trim();
        }
        throw error(node, what + " must be a single non-empty value");
    }

    private PolicyException error(Node node, String message) {
        return new PolicyException(origin + " line " + (node.getStartMark().getLine() + 1) + ": " + message);
    }
}
