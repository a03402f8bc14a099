package io.hashfence.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 (dotted quad) or IPv6 address written as a literal: never a host name, never resolved. */
public final class IpLiteral {
    /** The longest IPv6 text form, with an embedded IPv4 address. */
    public static final int MAX_LENGTH = 45;

    private IpLiteral() {}

    public static boolean isValid(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        return text.indexOf(':') >= 0 ? isIpv6(text) : isIpv4(text);
    }

    private static boolean isIpv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty()
                    || octet.length() > 3
                    || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (octet.length() > 1 && octet.charAt(0) == '0')
                    || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String text) {
        if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return false;
        }
        try {
            // with a colon and only hex digits, colons and dots, the JDK parses a literal and never looks it up
            return InetAddress.getByName(text).getAddress().length == 16;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
