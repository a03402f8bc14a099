package io.hashfence.collector.screening;

import java.util.Locale;
import java.util.Optional;

/**
 * Bitcoin Cash's CashAddr ({@code bitcoincash:qp…}): one case only, a 40-bit checksum over the prefix and
 * the data. OFAC lists these without the prefix, so the canonical form is the lower-case body alone.
 */
final class CashAddr {
    private static final String PREFIX = "bitcoincash";
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final long[] GENERATOR = {0x98f2bc8e61L, 0x79b76d99e2L, 0xf33e5fb3c4L, 0xae2eabe2a8L, 0x1e4f43e470L};

    private CashAddr() {}

    /** The body in lower case when the text (with or without {@code bitcoincash:}) is a valid CashAddr. */
    static Optional<String> canonical(String text) {
        if (!Bech32.singleCase(text)) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String body = lower.startsWith(PREFIX + ":") ? lower.substring(PREFIX.length() + 1) : lower;
        if (body.length() != 42 || (body.charAt(0) != 'q' && body.charAt(0) != 'p')) {
            return Optional.empty();
        }
        long chk = 1;
        for (int i = 0; i < PREFIX.length(); i++) {
            chk = step(chk, PREFIX.charAt(i) & 31);
        }
        chk = step(chk, 0);
        for (int i = 0; i < body.length(); i++) {
            int value = CHARSET.indexOf(body.charAt(i));
            if (value < 0) {
                return Optional.empty();
            }
            chk = step(chk, value);
        }
        return (chk ^ 1) == 0 ? Optional.of(body) : Optional.empty();
    }

    private static long step(long chk, int value) {
        long top = chk >>> 35;
        chk = ((chk & 0x07ffffffffL) << 5) ^ value;
        for (int i = 0; i < 5; i++) {
            if ((top >>> i & 1) == 1) {
                chk ^= GENERATOR[i];
            }
        }
        return chk;
    }
}
