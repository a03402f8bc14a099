package io.hashfence.protocol;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The duration syntax of both programs' flags and config files (agent and collector): a whole number and a unit, such as {@code 500ms}, {@code 10s}, {@code 1m}, {@code 2h}, {@code 1d}. */
public final class Durations {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {}

    public static Duration parse(String text) {
        Matcher matcher = text == null ? null : SYNTAX.matcher(text.trim());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("invalid duration \"" + text
                    + "\": use a whole number and a unit: ms, s, m, h or d, such as 500ms, 10s, 1m");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The shortest spelling {@link #parse} reads back to the same duration. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 86_400_000 == 0 && millis > 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
