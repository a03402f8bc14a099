package io.hashfence.collector.compliance;

import io.hashfence.collector.screening.ScreeningPolicy;
import io.hashfence.collector.screening.ScreeningSection;
import io.hashfence.geo.GeoIndex;
import io.hashfence.protocol.Ids;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads policy files and the shipped presets. Every error names the file and line, so an operator can fix
 * a bad edit while the last good policy stays in force. Codes are checked against the boundary data:
 * a typo such as RU-IRX would otherwise restrict nothing.
 */
public final class PolicyParser {
    public static final double DEFAULT_NEAR_BORDER_KM = 25;
    public static final List<String> DEFAULT_PRESETS = List.of("ofac-comprehensive", "russia-belarus");
    public static final List<String> PRESETS = List.of("ofac-comprehensive", "eu-ukraine-regions", "russia-belarus");

    private static final Set<String> POLICY_KEYS =
            Set.of("include", "near_border_km", "restricted", "exemptions", "screening");
    private static final Set<String> PRESET_KEYS = Set.of("description", "restricted");
    private static final Set<String> RESTRICTION_KEYS = Set.of("code", "severity", "reason");
    private static final Set<String> EXEMPTION_KEYS = Set.of("site", "rig", "reason", "expires");

    private final GeoIndex geo;

    /** @param geo the boundary data: which codes exist, and their regions */
    public PolicyParser(GeoIndex geo) {
        this.geo = geo;
    }

    /** The policy in force when none is configured: the shipped default presets. */
    public Policy defaultPolicy() throws PolicyException {
        return compose(
                DEFAULT_PRESETS,
                List.of(),
                DEFAULT_NEAR_BORDER_KM,
                List.of(),
                "default (" + String.join(" + ", DEFAULT_PRESETS) + ")",
                ScreeningPolicy.DEFAULT);
    }

    public Policy parse(String text, String origin) throws PolicyException {
        MappingNode root = document(text, origin);
        Source source = new Source(origin);
        if (root == null) {
            throw new PolicyException(
                    origin + ": the policy is empty; name presets under 'include' or entries under " + "'restricted'");
        }
        Map<String, Node> fields = fields(root, POLICY_KEYS, source);
        List<String> presets = new ArrayList<>();
        if (fields.containsKey("include")) {
            for (Node item : sequence(fields.get("include"), "include", source)) {
                String preset = scalar(item, "include", source);
                if (!PRESETS.contains(preset)) {
                    throw source.error(
                            item, "unknown preset '" + preset + "'; shipped presets: " + String.join(", ", PRESETS));
                }
                presets.add(preset);
            }
        }
        double nearBorderKm = DEFAULT_NEAR_BORDER_KM;
        if (fields.containsKey("near_border_km")) {
            Node node = fields.get("near_border_km");
            nearBorderKm = number(node, "near_border_km", source);
            if (!Double.isFinite(nearBorderKm) || nearBorderKm < 0 || nearBorderKm > 100) {
                throw source.error(node, "near_border_km must be within [0, 100], got " + nearBorderKm);
            }
        }
        List<Restriction> own = fields.containsKey("restricted")
                ? restrictions(fields.get("restricted"), source, "policy " + origin)
                : List.of();
        List<Exemption> exemptions =
                fields.containsKey("exemptions") ? exemptions(fields.get("exemptions"), source) : List.of();
        if (presets.isEmpty() && own.isEmpty()) {
            throw new PolicyException(origin + ": the policy restricts nothing; name presets under 'include' or "
                    + "entries under 'restricted'");
        }
        ScreeningPolicy screening = fields.containsKey("screening")
                ? ScreeningSection.parse(fields.get("screening"), origin)
                : ScreeningPolicy.DEFAULT;
        return compose(presets, own, nearBorderKm, exemptions, origin, screening);
    }

    /** Presets first, then the file's own entries, which replace a preset's entry for the same code. */
    private Policy compose(
            List<String> presets,
            List<Restriction> own,
            double nearBorderKm,
            List<Exemption> exemptions,
            String origin,
            ScreeningPolicy screening)
            throws PolicyException {
        Map<String, Restriction> byCode = new LinkedHashMap<>();
        for (String preset : presets) {
            for (Restriction restriction : preset(preset)) {
                byCode.merge(
                        restriction.jurisdiction().code(),
                        restriction,
                        (a, b) -> a.severity().compareTo(b.severity()) <= 0 ? a : b);
            }
        }
        own.forEach(restriction -> byCode.put(restriction.jurisdiction().code(), restriction));
        return new Policy(
                List.copyOf(byCode.values()),
                nearBorderKm,
                exemptions,
                presets,
                origin,
                geo.regionSet(byCode.keySet()),
                screening);
    }

    private List<Restriction> preset(String name) throws PolicyException {
        String resource = "presets/" + name + ".yml";
        try (InputStream in = PolicyParser.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PolicyException("preset " + name + " is missing from the collector jar");
            }
            String origin = "preset " + name;
            MappingNode root = document(new String(in.readAllBytes(), StandardCharsets.UTF_8), origin);
            Source source = new Source(origin);
            return restrictions(fields(root, PRESET_KEYS, source).get("restricted"), source, origin);
        } catch (IOException e) {
            throw new PolicyException("cannot read preset " + name + ": " + e.getMessage());
        }
    }

    private List<Restriction> restrictions(Node node, Source source, String origin) throws PolicyException {
        List<Restriction> restrictions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node item : sequence(node, "restricted", source)) {
            Map<String, Node> entry = fields(mapping(item, "restricted entry", source), RESTRICTION_KEYS, source);
            Node codeNode = required(entry, "code", item, source);
            String code = scalar(codeNode, "code", source);
            Jurisdiction jurisdiction;
            try {
                jurisdiction = new Jurisdiction(code);
            } catch (IllegalArgumentException e) {
                throw source.error(codeNode, e.getMessage());
            }
            if (!geo.isKnownCode(code)) {
                throw source.error(codeNode, code + " is not a country or subdivision in the boundary data");
            }
            if (!seen.add(code)) {
                throw source.error(codeNode, code + " is listed twice");
            }
            Severity severity = Severity.CRITICAL;
            if (entry.containsKey("severity")) {
                Node severityNode = entry.get("severity");
                String label = scalar(severityNode, "severity", source);
                severity = Severity.fromLabel(label)
                        .orElseThrow(() -> source.error(
                                severityNode, "severity must be critical, warning or info, got '" + label + "'"));
            }
            String reason = scalar(required(entry, "reason", item, source), "reason", source);
            restrictions.add(new Restriction(jurisdiction, severity, reason, origin));
        }
        return restrictions;
    }

    private List<Exemption> exemptions(Node node, Source source) throws PolicyException {
        List<Exemption> exemptions = new ArrayList<>();
        for (Node item : sequence(node, "exemptions", source)) {
            Map<String, Node> entry = fields(mapping(item, "exemption", source), EXEMPTION_KEYS, source);
            Node siteNode = required(entry, "site", item, source);
            String site = scalar(siteNode, "site", source);
            if (!Ids.isValid(site)) {
                throw source.error(siteNode, "site " + Ids.RULE + ", got '" + site + "'");
            }
            RigId rig = null;
            if (entry.containsKey("rig")) {
                String rigText = scalar(entry.get("rig"), "rig", source);
                if (!Ids.isValid(rigText)) {
                    throw source.error(entry.get("rig"), "rig " + Ids.RULE + ", got '" + rigText + "'");
                }
                rig = RigId.of(rigText);
            }
            String reason = scalar(required(entry, "reason", item, source), "reason", source);
            Node expiresNode = required(entry, "expires", item, source);
            Instant expires;
            try {
                expires = OffsetDateTime.parse(scalar(expiresNode, "expires", source))
                        .toInstant();
            } catch (DateTimeParseException e) {
                throw source.error(expiresNode, "expires must be an RFC 3339 time such as 2027-01-01T00:00:00Z");
            }
            exemptions.add(new Exemption(SiteId.of(site), rig, reason, expires));
        }
        return exemptions;
    }

    private static MappingNode document(String text, String origin) throws PolicyException {
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
            if (root == null) {
                return null;
            }
            return mapping(root, "the policy", new Source(origin));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new PolicyException(origin + " line " + line + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new PolicyException(origin + ": not readable as YAML: " + e.getMessage());
        }
    }

    private static Map<String, Node> fields(MappingNode node, Set<String> allowed, Source source)
            throws PolicyException {
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            String key = scalar(tuple.getKeyNode(), "key", source);
            if (!allowed.contains(key)) {
                throw source.error(
                        tuple.getKeyNode(),
                        "unknown key '" + key + "'; expected one of "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
            if (fields.put(key, tuple.getValueNode()) != null) {
                throw source.error(tuple.getKeyNode(), "key '" + key + "' appears twice");
            }
        }
        return fields;
    }

    private static Node required(Map<String, Node> entry, String key, Node parent, Source source)
            throws PolicyException {
        Node node = entry.get(key);
        if (node == null) {
            throw source.error(parent, "'" + key + "' is required here");
        }
        return node;
    }

    private static MappingNode mapping(Node node, String what, Source source) throws PolicyException {
        if (node instanceof MappingNode mapping) {
            return mapping;
        }
        throw source.error(node, what + " must be a mapping of keys to values");
    }

    private static List<Node> sequence(Node node, String what, Source source) throws PolicyException {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        throw source.error(node, what + " must be a list");
    }

    private static String scalar(Node node, String what, Source source) throws PolicyException {
        if (node instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
            return scalar.getValue().trim();
        }
        throw source.error(node, what + " must be a single non-empty value");
    }

    private static double number(Node node, String what, Source source) throws PolicyException {
        try {
            return Double.parseDouble(scalar(node, what, source));
        } catch (NumberFormatException e) {
            throw source.error(node, what + " must be a number");
        }
    }

    /** Names a file and a node's line in error messages. */
    private record Source(String origin) {
        PolicyException error(Node node, String message) {
            return new PolicyException(origin + " line " + (node.getStartMark().getLine() + 1) + ": " + message);
        }
    }
}
