package io.hashfence.agent.discover;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 range in CIDR notation ({@code 10.0.0.0/24}); a bare address is a /32. At most a /16 is scanned. */
public record Cidr(int network, int prefixLength) {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3})(?:/(\\d{1,2}))?");
    public static final int SMALLEST_PREFIX = 16;

    public static Cidr parse(String text) {
        Matcher matcher = text == null ? null : SYNTAX.matcher(text.trim());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException(
                    "invalid range \"" + text + "\": use IPv4 CIDR notation such as 10.0.0.0/24");
        }
        int prefix = matcher.group(2) == null ? 32 : Integer.parseInt(matcher.group(2));
        if (prefix < SMALLEST_PREFIX || prefix > 32) {
            throw new IllegalArgumentException("range \"" + text + "\" is too large or invalid: the prefix must be /"
                    + SMALLEST_PREFIX + " to /32 (at most 65,536 addresses)");
        }
        int address = 0;
        for (String part : matcher.group(1).split("\\.")) {
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("invalid range \"" + text + "\": " + octet + " is not an octet");
            }
            address = address << 8 | octet;
        }
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return new Cidr(address & mask, prefix);
    }

    /** The host addresses: for /31 and /32 every address, otherwise all but the network and broadcast address. */
    public List<String> hosts() {
        long size = 1L << (32 - prefixLength);
        List<String> hosts = new ArrayList<>((int) size);
        long first = size > 2 ? 1 : 0;
        long last = size > 2 ? size - 2 : size - 1;
        for (long offset = first; offset <= last; offset++) {
            int address = network + (int) offset;
            hosts.add(((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                    + (address & 0xFF));
        }
        return hosts;
    }

    @Override
    public String toString() {
        return ((network >>> 24) & 0xFF) + "." + ((network >>> 16) & 0xFF) + "." + ((network >>> 8) & 0xFF) + "."
                + (network & 0xFF) + "/" + prefixLength;
    }
}
