package io.hashfence.collector.screening;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * Monero's own Base58: the bytes in blocks of 8, each written as 11 digits (a shorter last block as
 * fewer), and a four-byte Keccak-256 checksum. Standard addresses are 95 characters, integrated ones 106;
 * case-sensitive.
 */
final class MoneroAddress {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int[] ENCODED_BLOCK_SIZES = {0, 2, 3, 5, 6, 7, 9, 10, 11};
    private static final int FULL_BLOCK = 11;

    private MoneroAddress() {}

    static boolean isValid(String text) {
        if (text.length() != 95 && text.length() != 106) {
            return false;
        }
        return decode(text)
                .filter(bytes -> bytes.length > 4)
                .map(bytes -> {
                    byte[] hash = Keccak256.hash(Arrays.copyOf(bytes, bytes.length - 4));
                    return Arrays.equals(hash, 0, 4, bytes, bytes.length - 4, bytes.length);
                })
                .orElse(false);
    }

    private static Optional<byte[]> decode(String text) {
        int fullBlocks = text.length() / FULL_BLOCK;
        int lastSize = text.length() % FULL_BLOCK;
        int lastBytes = Arrays.binarySearch(ENCODED_BLOCK_SIZES, lastSize);
        if (lastBytes < 0) {
            return Optional.empty();
        }
        byte[] out = new byte[fullBlocks * 8 + lastBytes];
        for (int block = 0; block <= fullBlocks; block++) {
            int start = block * FULL_BLOCK;
            int size = block < fullBlocks ? FULL_BLOCK : lastSize;
            int bytes = block < fullBlocks ? 8 : lastBytes;
            if (size == 0) {
                continue;
            }
            BigInteger value = BigInteger.ZERO;
            for (int i = start; i < start + size; i++) {
                int digit = ALPHABET.indexOf(text.charAt(i));
                if (digit < 0) {
                    return Optional.empty();
                }
                value = value.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(digit));
            }
            if (value.bitLength() > bytes * 8) {
                return Optional.empty();
            }
            byte[] magnitude = value.toByteArray();
            int length = Math.min(magnitude.length, bytes);
            System.arraycopy(magnitude, magnitude.length - length, out, block * 8 + bytes - length, length);
        }
        return Optional.of(out);
    }
}
