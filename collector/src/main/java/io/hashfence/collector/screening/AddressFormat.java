package io.hashfence.collector.screening;

/** How a chain writes an address, and so how two spellings of it compare. */
public enum AddressFormat {
    /** Segwit Bech32/Bech32m ({@code bc1…}, {@code ltc1…}): one case, compared in lower case. */
    BECH32,
    /** Bitcoin Cash CashAddr, compared as the lower-case body without {@code bitcoincash:}. */
    CASHADDR,
    /** Base58Check in Bitcoin's alphabet (Bitcoin, its forks, Litecoin, Dash, Zcash t-addresses, Tron): exact. */
    BASE58CHECK,
    /** Base58Check in Ripple's alphabet (XRP): exact. */
    RIPPLE_BASE58CHECK,
    /** {@code 0x} and 40 hex digits: case-insensitive, EIP-55 checksum when mixed case. */
    HEX_ACCOUNT,
    /** Monero's block Base58 with a Keccak checksum: exact. */
    MONERO,
    /** A listed entry that is no valid address of a known format: matched only as a whole token, exactly. */
    LISTED_TEXT
}
