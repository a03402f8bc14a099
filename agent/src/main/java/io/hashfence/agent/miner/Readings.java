package io.hashfence.agent.miner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers for the loose number formats of miner APIs: numbers as strings, hashrates under unit-and-window keys. */
final class Readings {
    /** {@code MHS av}, {@code GHS 5s}, {@code MHS 20s}, {@code KHS rolling}, {@code THS 1m}, {@code HS RT}. */
    private static final Pattern HASHRATE_KEY = Pattern.compile("([KMGTP]?)HS[ _](\\w+)", Pattern.CASE_INSENSITIVE);
    /** Short recent windows first: they describe the rig now; the average since start comes last. */
    private static final List<String> WINDOW_PREFERENCE =
            List.of("rt", "1m", "rolling", "5s", "20s", "30s", "5m", "15m", "30m", "av", "24h");

    private Readings() {}

    /** A number given as a JSON number or as a numeric string; empty for anything else, NaN and infinities. */
    static OptionalDouble number(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return OptionalDouble.empty();
        }
        double value;
        if (node.isNumber()) {
            value = node.doubleValue();
        } else if (node.isTextual()) {
            try {
                value = Double.parseDouble(node.asText().trim());
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        } else {
            return OptionalDouble.empty();
        }
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    static OptionalDouble number(JsonNode object, String field) {
        return object == null ? OptionalDouble.empty() : number(object.get(field));
    }

    static String text(JsonNode object, String field) {
        JsonNode node = object == null ? null : object.get(field);
        return node == null
                        || node.isNull()
                        || node.isMissingNode()
                        || node.asText().isBlank()
                ? null
                : node.asText().trim();
    }

    /** Multiplier from a unit prefix to H/s. */
    static double unitFactor(String prefix) {
        return switch (prefix.toUpperCase(Locale.ROOT)) {
            case "K" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            case "T" -> 1e12;
            case "P" -> 1e15;
            default -> 1;
        };
    }

    /**
     * The hashrate of a cgminer-style object in H/s, from the most recent window it carries. Whatsminer's
     * {@code HS RT} is in MH/s like its other keys.
     */
    static OptionalDouble hashrate(JsonNode object) {
        if (object == null) {
            return OptionalDouble.empty();
        }
        double best = Double.NaN;
        int bestRank = Integer.MAX_VALUE;
        var fields = object.properties().iterator();
        while (fields.hasNext()) {
            var field = fields.next();
            Matcher matcher = HASHRATE_KEY.matcher(field.getKey());
            if (!matcher.matches()) {
                continue;
            }
            int rank = WINDOW_PREFERENCE.indexOf(matcher.group(2).toLowerCase(Locale.ROOT));
            OptionalDouble value = number(field.getValue());
            if (rank < 0 || value.isEmpty() || rank >= bestRank) {
                continue;
            }
            String prefix =
                    matcher.group(2).equalsIgnoreCase("rt") && matcher.group(1).isEmpty() ? "M" : matcher.group(1);
            best = value.getAsDouble() * unitFactor(prefix);
            bestRank = rank;
        }
        return Double.isNaN(best) ? OptionalDouble.empty() : OptionalDouble.of(best);
    }

    /** Whether a reading is plausible for its unit: temperatures a sensor can show, not the 0 of an empty slot. */
    static boolean plausibleCelsius(double value) {
        return value > 0 && value < 200;
    }
}
