package io.hashfence.collector.screening;

import java.util.Locale;
import java.util.Optional;

/**
 * Bech32 (BIP-173) and Bech32m (BIP-350) strings, as segwit addresses use them: one case only (an
 * all-upper-case string is the same address; mixed case is invalid), a checksum over the human-readable
 * part and the data. The canonical form is lower case.
 */
final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int BECH32_CONSTANT = 1;
    private static final int BECH32M_CONSTANT = 0x2bc830a3;
    private static final int MAX_LENGTH = 90;

    private Bech32() {}

    /** The lower-case form when the text is a valid Bech32 or Bech32m string. */
    static Optional<String> canonical(String text) {
        if (text.length() < 8 || text.length() > MAX_LENGTH || !singleCase(text)) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int separator = lower.lastIndexOf('1');
        if (separator < 1 || separator + 7 > lower.length()) {
            return Optional.empty();
        }
        int[] values = new int[lower.length() - separator - 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = CHARSET.indexOf(lower.charAt(separator + 1 + i));
            if (values[i] < 0) {
                return Optional.empty();
            }
        }
        String hrp = lower.substring(0, separator);
        for (int i = 0; i < hrp.length(); i++) {
            if (hrp.charAt(i) < 33 || hrp.charAt(i) > 126) {
                return Optional.empty();
            }
        }
        int check = polymod(hrp, values);
        return check == BECH32_CONSTANT || check == BECH32M_CONSTANT ? Optional.of(lower) : Optional.empty();
    }

    static boolean singleCase(String text) {
        return text.equals(text.toLowerCase(Locale.ROOT)) || text.equals(text.toUpperCase(Locale.ROOT));
    }

    private static int polymod(String hrp, int[] data) {
        int[] generator = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int chk = 1;
        int[] expanded = new int[hrp.length() * 2 + 1 + data.length];
        for (int i = 0; i < hrp.length(); i++) {
            expanded[i] = hrp.charAt(i) >> 5;
            expanded[hrp.length() + 1 + i] = hrp.charAt(i) & 31;
        }
        System.arraycopy(data, 0, expanded, hrp.length() * 2 + 1, data.length);
        for (int value : expanded) {
            int top = chk >>> 25;
            chk = (chk & 0x1ffffff) << 5 ^ value;
            for (int i = 0; i < 5; i++) {
                if ((top >>> i & 1) == 1) {
                    chk ^= generator[i];
                }
            }
        }
        return chk;
    }
}
