package io.hashfence.agent.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes in config files: a whole number and an optional binary unit, such as {@code 64MiB}, {@code 512KiB}, {@code 1GiB}. */
public final class ByteSizes {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,12})\\s*(B|KiB|MiB|GiB)?");

    private ByteSizes() {}

    public static long parse(String text) {
        Matcher matcher = text == null ? null : SYNTAX.matcher(text.trim());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException(
                    "invalid size \"" + text + "\": use a whole number and a unit: B, KiB, MiB or GiB, such as 64MiB");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "B" : matcher.group(2);
        return switch (unit) {
            case "KiB" -> amount << 10;
            case "MiB" -> amount << 20;
            case "GiB" -> amount << 30;
            default -> amount;
        };
    }
}
