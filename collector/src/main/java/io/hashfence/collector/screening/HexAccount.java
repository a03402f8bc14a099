package io.hashfence.collector.screening;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * An Ethereum-style account ({@code 0x} and 40 hex digits; also Ethereum Classic, BSC, Arbitrum and the
 * tokens on them): case-insensitive, except that a mixed-case address carries an EIP-55 checksum in its
 * letter case, which must hold. The canonical form is lower case.
 */
final class HexAccount {
    private HexAccount() {}

    static Optional<String> canonical(String text) {
        if (text.length() != 42 || text.charAt(0) != '0' || (text.charAt(1) != 'x' && text.charAt(1) != 'X')) {
            return Optional.empty();
        }
        String digits = text.substring(2);
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0) {
                return Optional.empty();
            }
        }
        String lower = digits.toLowerCase(Locale.ROOT);
        boolean mixedCase = !digits.equals(lower) && !digits.equals(digits.toUpperCase(Locale.ROOT));
        if (mixedCase && !digits.equals(eip55(lower))) {
            return Optional.empty();
        }
        return Optional.of("0x" + lower);
    }

    /** The EIP-55 letter case of a lower-case address: a letter is upper case where its hash nibble is ≥ 8. */
    static String eip55(String lowerHex) {
        byte[] hash = Keccak256.hash(lowerHex.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder(lowerHex.length());
        for (int i = 0; i < lowerHex.length(); i++) {
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
            char c = lowerHex.charAt(i);
            out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }
}
