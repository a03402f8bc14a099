package io.hashfence.collector.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.alert.Condition;
import io.hashfence.collector.compliance.ConnectionFacts;
import io.hashfence.collector.compliance.IpCountryDatabase;
import io.hashfence.collector.compliance.Policy;
import io.hashfence.collector.compliance.PolicyException;
import io.hashfence.collector.compliance.PolicyParser;
import io.hashfence.collector.compliance.Severity;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.geo.GeoIndex;
import io.hashfence.protocol.Decoded;
import io.hashfence.protocol.Examples;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.protocol.Telemetry;
import io.hashfence.protocol.TelemetryCodec;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The screening stage finds payouts to SDN addresses, pools in restricted places and designated networks. */
class ScreenerTest {
    private static final String SDN_XBT = "123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX";
    private static final String ORDINARY_XBT = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";
    private static final String RUSSIAN_IP = "77.88.8.8";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final RigKey RIG = new RigKey(SiteId.of("texas-01"), RigId.of("s19-0001"));
    private static PolicyParser parser;
    private static IpCountryDatabase ipCountries;
    private static SanctionsList sanctions;
    private static final BundledAsnDatabase asns = new BundledAsnDatabase();

    @BeforeAll
    static void load() {
        parser = new PolicyParser(GeoIndex.loadBundled());
        ipCountries = IpCountryDatabase.loadBundled();
        sanctions = SanctionsStore.bundled();
    }

    @Test
    void aPayoutToAnSdnAddressIsCriticalWithAddressAssetAndListDateAsEvidence() throws Exception {
        Screening screening = screen(
                policy(""),
                List.of(
                        new Pool("stratum+tcp://solo.example.com:3333", SDN_XBT + ".rig1", true),
                        new Pool("stratum+tcp://backup.example.com:3333", ORDINARY_XBT + ".rig1", false)),
                nowhere());
        Condition payout = screening.conditions().get(AlertType.PAYOUT_TO_SANCTIONED_ADDRESS);
        assertThat(payout.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(payout.evidence())
                .contains(SDN_XBT, "XBT", "on the SDN list as of 2024-09-27", "solo.example.com")
                .doesNotContain(ORDINARY_XBT);
        assertThat(screening.conditions()).containsOnlyKeys(AlertType.PAYOUT_TO_SANCTIONED_ADDRESS);
    }

    @Test
    void aListedAddressInsideALongerTokenOrAnOrdinaryAddressRaisesNothing() throws Exception {
        Screening screening = screen(
                policy(""),
                List.of(
                        new Pool("stratum+tcp://pool.example.com:3333", "x" + SDN_XBT + ".rig1", true),
                        new Pool("stratum+tcp://pool.example.com:3333", SDN_XBT + "Z", false),
                        new Pool("stratum+tcp://pool.example.com:3333", ORDINARY_XBT, false)),
                nowhere());
        assertThat(screening.findings()).isEmpty();
    }

    @Test
    void aPoolLocatedInARestrictedCountryWarnsOrIsCriticalWhenThePolicySaysSo() throws Exception {
        List<Pool> pools = List.of(new Pool("stratum+tcp://pool.example.ru:3333", "acct.rig1", true, RUSSIAN_IP));
        Condition warning =
                screen(policy(""), pools, nowhere()).conditions().get(AlertType.POOL_IN_RESTRICTED_JURISDICTION);
        assertThat(warning.severity()).isEqualTo(Severity.WARNING);
        assertThat(warning.country()).isEqualTo("RU");
        assertThat(warning.evidence()).contains(RUSSIAN_IP, "registered in RU");

        Condition critical = screen(policy("screening:\n  pools:\n    severity: critical\n"), pools, nowhere())
                .conditions()
                .get(AlertType.POOL_IN_RESTRICTED_JURISDICTION);
        assertThat(critical.severity()).isEqualTo(Severity.CRITICAL);

        assertThat(screen(policy("screening:\n  pools:\n    restricted_countries: [IR]\n"), pools, nowhere())
                        .findings())
                .as("the policy's own list replaces the restricted countries")
                .isEmpty();
        assertThat(screen(
                                policy(""),
                                List.of(new Pool("stratum+tcp://pool.example.com:3333", "acct", true, "192.168.1.10")),
                                nowhere())
                        .findings())
                .as("a private address says nothing")
                .isEmpty();
    }

    @Test
    void aPoolHostOnTheDenyListMatchesWhateverItResolvesTo() throws Exception {
        Policy deny = policy("screening:\n  pools:\n    deny_hosts: [\"*.bitriver.example\", pool.other.example]\n");
        assertThat(screen(deny, List.of(new Pool("stratum+tcp://eu.BitRiver.example:3333", "acct", true)), nowhere())
                        .conditions()
                        .get(AlertType.POOL_IN_RESTRICTED_JURISDICTION)
                        .evidence())
                .contains("deny_hosts entry *.bitriver.example");
        assertThat(screen(deny, List.of(new Pool("stratum+tcp://notbitriver.example:3333", "acct", true)), nowhere())
                        .findings())
                .isEmpty();
    }

    @Test
    void aRigConnectingFromADesignatedNetworkIsFlaggedAndAnExemptionSparesIt() throws Exception {
        String networks = "screening:\n  networks:\n    designated:\n      - cidr: 198.51.100.0/24\n"
                + "        reason: BitRiver (OFAC, 2022-04-20)\n";
        ConnectionFacts fromThere = connection("198.51.100.77");
        Screening flagged = screen(policy(networks), List.of(), fromThere);
        assertThat(flagged.conditions().get(AlertType.RIG_ON_SANCTIONED_NETWORK).evidence())
                .contains("198.51.100.77", "198.51.100.0/24", "BitRiver");
        assertThat(screen(policy(networks), List.of(), connection("198.51.101.1"))
                        .findings())
                .isEmpty();

        String exempt = networks + "  exemptions:\n    - site: texas-01\n      alert: RigOnSanctionedNetwork\n"
                + "      reason: licence OFAC-2026-17\n      expires: 2027-01-01T00:00:00Z\n";
        Screening spared = screen(policy(exempt), List.of(), fromThere);
        assertThat(spared.findings()).hasSize(1).allMatch(ScreeningFinding::exempted);
        assertThat(spared.conditions()).isEmpty();
        String expired = exempt.replace("2027-01-01", "2026-11-01");
        assertThat(screen(policy(expired), List.of(), fromThere).conditions())
                .containsKey(AlertType.RIG_ON_SANCTIONED_NETWORK);
    }

    @Test
    void aRigConnectingFromADesignatedAsIsFlaggedWithTheAsAndItsHolder() throws Exception {
        String networks = "screening:\n  networks:\n    designated:\n      - asn: AS214787\n"
                + "        reason: BitRiver group (OFAC, 2022-04-20)\n";
        Screening flagged = screen(policy(networks), List.of(), connection("45.142.45.10"));
        assertThat(flagged.conditions().get(AlertType.RIG_ON_SANCTIONED_NETWORK).evidence())
                .contains("45.142.45.10", "announced by AS214787 (Bitriver-B LLC)", "BitRiver group");
        assertThat(screen(policy(networks), List.of(), connection("45.142.46.10"))
                        .findings())
                .as("the next range, announced by another AS")
                .isEmpty();
    }

    @Test
    void aBadScreeningSectionIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> policy("screening:\n  networks:\n    designated:\n      - cidr: 10.0.0.0/33\n"
                        + "        reason: x\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("policy.yml line 5")
                .hasMessageContaining("prefix length must be within [0, 32]");
        assertThatThrownBy(() -> policy("screening:\n  pools:\n    restricted_countries: [RU-IRK]\n"))
                .hasMessageContaining("policy.yml line 4")
                .hasMessageContaining("ISO 3166-1 alpha-2");
        assertThatThrownBy(() ->
                        policy("screening:\n  exemptions:\n    - site: a\n      alert: RigInRestrictedJurisdiction\n"
                                + "      reason: r\n      expires: 2027-01-01T00:00:00Z\n"))
                .hasMessageContaining("alert must be one of");
        assertThatThrownBy(() -> policy("screening:\n  networks:\n    asn: [AS12345]\n"))
                .hasMessageContaining("unknown key 'asn'");
        assertThatThrownBy(() -> policy(
                        "screening:\n  networks:\n    designated:\n      - asn: 214787\n" + "        reason: x\n"))
                .hasMessageContaining("policy.yml line 5")
                .hasMessageContaining("'214787' is not an AS number such as AS214787");
        assertThatThrownBy(() -> policy("screening:\n  networks:\n    designated:\n      - asn: AS1\n"
                        + "        cidr: 10.0.0.0/8\n        reason: x\n"))
                .hasMessageContaining("either a cidr or an asn");
    }

    private static Screening screen(Policy policy, List<Pool> pools, ConnectionFacts connection) {
        Screener screener =
                new Screener(() -> sanctions, () -> policy, ipCountries, asns, Clock.fixed(NOW, ZoneOffset.UTC));
        return screener.screen(RIG, telemetry(pools), connection);
    }

    private static Telemetry telemetry(List<Pool> pools) {
        Telemetry example = ((Decoded.Valid<Telemetry>)
                        new TelemetryCodec(Clock.fixed(NOW, ZoneOffset.UTC)).decode(Examples.bytes(Examples.MINIMAL)))
                .value();
        return new Telemetry(
                example.site(),
                example.rig(),
                example.time(),
                example.seq(),
                example.miner(),
                example.hashrate(),
                example.power(),
                example.temperatures(),
                example.fans(),
                pools,
                example.location(),
                example.interval());
    }

    private static Policy policy(String screening) throws PolicyException {
        return parser.parse("include: [ofac-comprehensive, russia-belarus]\n" + screening, "policy.yml");
    }

    private static ConnectionFacts nowhere() {
        return ConnectionFacts.unknown();
    }

    private static ConnectionFacts connection(String ip) throws Exception {
        InetAddress address = InetAddress.getByName(ip);
        return new ConnectionFacts(address, ipCountries.country(address), true, OptionalDouble::empty);
    }
}
