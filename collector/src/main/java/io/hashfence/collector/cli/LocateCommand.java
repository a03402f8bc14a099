package io.hashfence.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.compliance.Locator;
import io.hashfence.collector.compliance.PolicyParser;
import io.hashfence.collector.compliance.PolicyStore;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.collector.metrics.ReloadMetrics;
import io.hashfence.geo.GeoIndex;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code locate LAT LON}: the country and subdivision of a coordinate, offline, and what the policy says. */
@Command(
        name = "locate",
        mixinStandardHelpOptions = true,
        description = "Print the country, subdivision and zone of a WGS84 coordinate, and the policy's verdict.")
public final class LocateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LAT", description = "latitude in degrees, -90 to 90")
    String lat;

    @Parameters(index = "1", paramLabel = "LON", description = "longitude in degrees, -180 to 180")
    String lon;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "judge against this policy (default: the shipped one)")
    Path policy;

    @Option(names = "--json", description = "print JSON, as /api/v1/locate answers")
    boolean json;

    @Override
    public Integer call() throws Exception {
        double latitude = number("LAT", lat);
        double longitude = number("LON", lon);
        GeoIndex geo = GeoIndex.loadBundled();
        try (PolicyStore policies = new PolicyStore(policy, new PolicyParser(geo), ReloadMetrics.policy(), () -> {})) {
            ObjectNode answer;
            try {
                answer = new Locator(geo, policies).locate(latitude, longitude);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            spec.commandLine().getOut().println(json ? new CollectorJson().prettyText(answer) : describe(answer));
        }
        return 0;
    }

    private double number(String name, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ParameterException(
                    spec.commandLine(), name + " must be a number in degrees, got \"" + text + "\"");
        }
    }

    private static String describe(JsonNode answer) {
        StringBuilder text = new StringBuilder();
        text.append(answer.get("lat").asDouble())
                .append(", ")
                .append(answer.get("lon").asDouble())
                .append(": ");
        switch (answer.get("zone").asText()) {
            case "land" -> text.append("on land in ");
            case "territorial" -> text.append("in the territorial waters of ");
            default -> text.append("in international waters");
        }
        if (!answer.get("country").isNull()) {
            if (!answer.get("subdivision").isNull()) {
                text.append(answer.at("/subdivision/name").asText())
                        .append(" (")
                        .append(answer.at("/subdivision/code").asText())
                        .append("), ");
            }
            text.append(answer.at("/country/name").asText())
                    .append(" (")
                    .append(answer.at("/country/code").asText());
            if (!answer.get("claimed_by").isNull()) {
                text.append(answer.at("/country/de_facto").asBoolean() ? ", de facto; claimed by " : "; claimed by ")
                        .append(answer.at("/claimed_by/name").asText())
                        .append(" (")
                        .append(answer.at("/claimed_by/code").asText())
                        .append(")");
            }
            text.append(")");
        }
        JsonNode borderKm = answer.get("border_km");
        text.append(
                borderKm.isNull() ? "; no border within 100 km" : "; " + borderKm.asDouble() + " km from the border");
        JsonNode verdict = answer.get("policy");
        text.append(System.lineSeparator())
                .append("policy ")
                .append(verdict.get("origin").asText())
                .append(": ");
        if (!verdict.get("restricted").isNull()) {
            text.append("RESTRICTED ")
                    .append(verdict.at("/restricted/code").asText())
                    .append(" (")
                    .append(verdict.at("/restricted/severity").asText())
                    .append("): ")
                    .append(verdict.at("/restricted/reason").asText());
        } else if (!verdict.get("nearest_restricted_km").isNull()) {
            text.append("not restricted; ")
                    .append(verdict.get("nearest_restricted_km").asDouble())
                    .append(" km from a restricted jurisdiction");
        } else {
            text.append("not restricted; no restricted jurisdiction within 100 km");
        }
        return text.toString();
    }
}
