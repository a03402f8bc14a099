package io.hashfence.collector.screening;

import java.util.Optional;

/**
 * A digital currency address in the canonical spelling of its format, so that two spellings of the same
 * address are equal and nothing else is: equality is the record's, never a substring test.
 */
public record ChainAddress(AddressFormat format, String canonical) {
    /** No address of a known format is shorter. */
    public static final int SHORTEST = 25;

    /** The address this whole token is, when it is a valid address of a known format (checksum included). */
    public static Optional<ChainAddress> parse(String token) {
        if (token.length() < SHORTEST || token.length() > 110) {
            return Optional.empty();
        }
        Optional<ChainAddress> hex =
                HexAccount.canonical(token).map(a -> new ChainAddress(AddressFormat.HEX_ACCOUNT, a));
        if (hex.isPresent()) {
            return hex;
        }
        if (MoneroAddress.isValid(token)) {
            return Optional.of(new ChainAddress(AddressFormat.MONERO, token));
        }
        Optional<ChainAddress> cash = CashAddr.canonical(token).map(a -> new ChainAddress(AddressFormat.CASHADDR, a));
        if (cash.isPresent()) {
            return cash;
        }
        Optional<ChainAddress> bech = Bech32.canonical(token).map(a -> new ChainAddress(AddressFormat.BECH32, a));
        if (bech.isPresent()) {
            return bech;
        }
        if (token.length() <= 36 && Base58.BITCOIN.decodeChecked(token).isPresent()) {
            return Optional.of(new ChainAddress(AddressFormat.BASE58CHECK, token));
        }
        if (token.length() <= 36
                && token.charAt(0) == 'r'
                && Base58.RIPPLE.decodeChecked(token).isPresent()) {
            return Optional.of(new ChainAddress(AddressFormat.RIPPLE_BASE58CHECK, token));
        }
        return Optional.empty();
    }

    /** A listed entry: its address when valid, else the text itself, to be matched only exactly. */
    public static ChainAddress listed(String text) {
        return parse(text).orElseGet(() -> new ChainAddress(AddressFormat.LISTED_TEXT, text));
    }

    @Override
    public String toString() {
        return canonical;
    }
}
