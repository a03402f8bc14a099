package io.hashfence.collector.screening;

import java.util.Locale;

/** An autonomous system number, written {@code AS12345} (32-bit, RFC 6793). */
public record Asn(long number) {
    private static final long MAX = 0xFFFF_FFFFL;

    public Asn {
        if (number < 0 || number > MAX) {
            throw new IllegalArgumentException("an AS number is within [0, " + MAX + "], got " + number);
        }
    }

    /** @throws IllegalArgumentException saying what is wrong with the text */
    public static Asn parse(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (!upper.matches("AS[0-9]{1,10}")) {
            throw new IllegalArgumentException("'" + text + "' is not an AS number such as AS214787");
        }
        long number = Long.parseLong(upper.substring(2));
        if (number > MAX) {
            throw new IllegalArgumentException("'" + text + "': AS numbers end at AS" + MAX);
        }
        return new Asn(number);
    }

    @Override
    public String toString() {
        return "AS" + number;
    }
}
