package io.hashfence.collector.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Addresses compare as their chain defines equality, and only whole tokens are candidates. */
class ChainAddressTest {
    private static final String LISTED_P2PKH = "123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX";
    private static final String LISTED_BECH32 = "bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw";
    private static final String LISTED_ETH = "0x01e2919679362dFBC9ee1644Ba9C6da6D6245BB1";
    private static final String LISTED_XMR =
            "49HqitRzdnhYjgTEAhgGpCfsjdTeMbUTU6cyR4JV1R7k2Eej9rGT8JpFiYDa4tZM6RZiFrHmMzgSrhHEqpDYKBe5B2ufNsL";
    private static final String LISTED_CASHADDR = "qpf2cphc5dkuclkqur7lhj2yuqq9pk3hmukle77vhq";
    private static final String GENESIS_P2PKH = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";

    @Test
    void keccakMatchesItsPublishedVectors() {
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(Keccak256.hash(new byte[0])))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(hex.formatHex(Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
        byte[] twoBlocks = "a".repeat(200).getBytes(StandardCharsets.US_ASCII);
        assertThat(Keccak256.hash(twoBlocks)).hasSize(32).isNotEqualTo(Keccak256.hash(new byte[200]));
    }

    @Test
    void hexAccountsAreCaseInsensitiveButAMixedCaseOneMustCarryItsEip55Checksum() {
        for (String eip55 : List.of(
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")) {
            ChainAddress parsed = ChainAddress.parse(eip55).orElseThrow();
            assertThat(parsed.format()).isEqualTo(AddressFormat.HEX_ACCOUNT);
            assertThat(ChainAddress.parse(eip55.toLowerCase(Locale.ROOT))).contains(parsed);
            assertThat(ChainAddress.parse("0x" + eip55.substring(2).toUpperCase(Locale.ROOT)))
                    .contains(parsed);
        }
        String brokenChecksum = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
        assertThat(ChainAddress.parse(brokenChecksum))
                .as("a mixed-case address whose case breaks EIP-55")
                .isEmpty();
        assertThat(ChainAddress.parse(LISTED_ETH))
                .contains(new ChainAddress(AddressFormat.HEX_ACCOUNT, LISTED_ETH.toLowerCase(Locale.ROOT)));
    }

    @Test
    void bech32IsOneCaseOnlyAndChecksummed() {
        ChainAddress lower = ChainAddress.parse(LISTED_BECH32).orElseThrow();
        assertThat(lower.format()).isEqualTo(AddressFormat.BECH32);
        assertThat(ChainAddress.parse(LISTED_BECH32.toUpperCase(Locale.ROOT))).contains(lower);
        String mixed = "bc1Q" + LISTED_BECH32.substring(4);
        assertThat(ChainAddress.parse(mixed)).as("mixed case is invalid bech32").isEmpty();
        assertThat(ChainAddress.parse(LISTED_BECH32.substring(0, 41) + "q"))
                .as("one character off")
                .isEmpty();
        assertThat(ChainAddress.parse("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"))
                .as("a bech32m (taproot) address")
                .map(ChainAddress::format)
                .contains(AddressFormat.BECH32);
    }

    @Test
    void base58CheckIsCaseSensitiveAndChecksummed() {
        ChainAddress listed = ChainAddress.parse(LISTED_P2PKH).orElseThrow();
        assertThat(listed.format()).isEqualTo(AddressFormat.BASE58CHECK);
        assertThat(ChainAddress.parse(LISTED_P2PKH.toLowerCase(Locale.ROOT))).isEmpty();
        assertThat(ChainAddress.parse("123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KY"))
                .as("checksum broken")
                .isEmpty();
        assertThat(ChainAddress.parse(GENESIS_P2PKH)).isPresent().isNotEqualTo(ChainAddress.parse(LISTED_P2PKH));
        assertThat(ChainAddress.parse("rnXyVQzgxZe7TR1EPzTkGj2jxH4LMJYh66"))
                .as("XRP in Ripple's alphabet")
                .map(ChainAddress::format)
                .contains(AddressFormat.RIPPLE_BASE58CHECK);
    }

    @Test
    void moneroAndCashAddrValidateTheirOwnChecksums() {
        assertThat(ChainAddress.parse(LISTED_XMR)).map(ChainAddress::format).contains(AddressFormat.MONERO);
        assertThat(ChainAddress.parse(LISTED_XMR.substring(0, 94) + "M")).isEmpty();
        ChainAddress cash = ChainAddress.parse(LISTED_CASHADDR).orElseThrow();
        assertThat(cash.format()).isEqualTo(AddressFormat.CASHADDR);
        assertThat(ChainAddress.parse("bitcoincash:" + LISTED_CASHADDR)).contains(cash);
        assertThat(ChainAddress.parse(LISTED_CASHADDR.toUpperCase(Locale.ROOT))).contains(cash);
    }

    @Test
    void everyBundledEntryIsAValidAddressOfItsChainExceptTheOneThatIsNoAddress() {
        SanctionsList bundled = SanctionsStore.bundled();
        assertThat(bundled.size()).isEqualTo(654);
        assertThat(bundled.published()).hasToString("2024-09-27");
        Map<String, Set<AddressFormat>> formats = bundled.entries().stream()
                .collect(Collectors.groupingBy(
                        ListedAddress::asset,
                        Collectors.mapping(e -> ChainAddress.listed(e.address()).format(), Collectors.toSet())));
        assertThat(formats.get("XBT")).containsExactlyInAnyOrder(AddressFormat.BASE58CHECK, AddressFormat.BECH32);
        assertThat(formats.get("ETH")).containsExactly(AddressFormat.HEX_ACCOUNT);
        assertThat(formats.get("LTC")).doesNotContain(AddressFormat.LISTED_TEXT);
        assertThat(formats.get("TRX")).containsExactly(AddressFormat.BASE58CHECK);
        assertThat(formats.get("ZEC")).containsExactly(AddressFormat.BASE58CHECK);
        assertThat(formats.get("BCH")).doesNotContain(AddressFormat.LISTED_TEXT);
        assertThat(formats.get("XRP")).containsExactly(AddressFormat.RIPPLE_BASE58CHECK);
        assertThat(bundled.entries().stream()
                        .filter(e -> ChainAddress.listed(e.address()).format() == AddressFormat.LISTED_TEXT)
                        .map(e -> e.asset() + " " + e.address()))
                .as("OFAC lists a 64-hex-digit XMR value, which is no Monero address; it matches only as itself")
                .containsExactly("XMR 5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320");
    }

    @Test
    void poolUsersYieldTheirWalletAsAWholeTokenAndNothingInsideALongerOne() {
        SanctionsList list = SanctionsStore.bundled();
        assertThat(hits(list, LISTED_P2PKH + ".rig7")).containsExactly("XBT " + LISTED_P2PKH);
        assertThat(hits(list, LISTED_P2PKH + "+65536")).containsExactly("XBT " + LISTED_P2PKH);
        assertThat(hits(list, LISTED_XMR)).as("XMRig: the user is the wallet").containsExactly("XMR " + LISTED_XMR);
        assertThat(hits(list, LISTED_XMR + "/worker1")).containsExactly("XMR " + LISTED_XMR);
        assertThat(hits(list, LISTED_BECH32.toUpperCase(Locale.ROOT) + ".w1")).containsExactly("XBT " + LISTED_BECH32);
        assertThat(hits(list, LISTED_ETH.toLowerCase(Locale.ROOT) + ".rig")).containsExactly("ETH " + LISTED_ETH);
        assertThat(hits(list, "bitcoincash:" + LISTED_CASHADDR + ".rig")).containsExactly("BCH " + LISTED_CASHADDR);

        assertThat(hits(list, "x" + LISTED_P2PKH + ".rig7"))
                .as("inside a longer token")
                .isEmpty();
        assertThat(hits(list, LISTED_P2PKH + "9.rig7"))
                .as("inside a longer token")
                .isEmpty();
        assertThat(hits(list, "0x" + LISTED_ETH.substring(2) + "00"))
                .as("a longer hex string")
                .isEmpty();
        assertThat(hits(list, LISTED_XMR.substring(0, 60)))
                .as("part of an address")
                .isEmpty();
        assertThat(hits(list, GENESIS_P2PKH + ".worker"))
                .as("an ordinary address")
                .isEmpty();
        assertThat(hits(list, "hashfence.s19pro0007")).as("a pool account name").isEmpty();
        assertThat(hits(list, "")).isEmpty();
    }

    private static List<String> hits(SanctionsList list, String user) {
        return list.find(PayoutCandidates.of(user)).stream()
                .map(e -> e.asset() + " " + e.address())
                .toList();
    }
}
