package io.hashfence.collector.screening;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Base58 with a four-byte double-SHA-256 checksum (Base58Check), in Bitcoin's alphabet (Bitcoin and its
 * forks, Litecoin, Dash, Zcash transparent, Tron …) or Ripple's. Case-sensitive: each letter is a digit.
 */
enum Base58 {
    BITCOIN("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"),
    RIPPLE("rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz");

    private static final BigInteger BASE = BigInteger.valueOf(58);
    private final int[] digits = new int[128];

    Base58(String alphabet) {
        Arrays.fill(digits, -1);
        for (int i = 0; i < alphabet.length(); i++) {
            digits[alphabet.charAt(i)] = i;
        }
    }

    /** The payload (version and hash, checksum removed) when the text is valid Base58Check. */
    Optional<byte[]> decodeChecked(String text) {
        return decode(text)
                .filter(bytes -> bytes.length > 4)
                .filter(bytes -> {
                    byte[] payload = Arrays.copyOf(bytes, bytes.length - 4);
                    byte[] check = doubleSha256(payload);
                    return Arrays.equals(check, 0, 4, bytes, bytes.length - 4, bytes.length);
                })
                .map(bytes -> Arrays.copyOf(bytes, bytes.length - 4));
    }

    Optional<byte[]> decode(String text) {
        BigInteger value = BigInteger.ZERO;
        int leadingZeros = 0;
        boolean leading = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = c < 128 ? digits[c] : -1;
            if (digit < 0) {
                return Optional.empty();
            }
            if (leading && digit == 0) {
                leadingZeros++;
            } else {
                leading = false;
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
        byte[] out = new byte[leadingZeros + magnitude.length - skip];
        System.arraycopy(magnitude, skip, out, leadingZeros, magnitude.length - skip);
        return Optional.of(out);
    }

    static byte[] doubleSha256(byte[] data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return sha.digest(sha.digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
