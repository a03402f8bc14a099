package io.hashfence.collector.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled IP-to-ASN table answers with the AS and holder the ip-location-db CSV gives for a range. */
class IpAsnDatabaseTest {
    private static IpAsnDatabase table;

    @BeforeAll
    static void load() {
        table = IpAsnDatabase.loadBundled();
    }

    @Test
    void anIpv4AddressIsAnnouncedByTheAsOfItsRangeAtEitherEnd() throws Exception {
        assertThat(table.announcing(InetAddress.getByName("45.142.45.0")))
                .contains(new AnnouncingAs(new Asn(214787), "Bitriver-B LLC"));
        assertThat(table.announcing(InetAddress.getByName("45.142.45.255")))
                .contains(new AnnouncingAs(new Asn(214787), "Bitriver-B LLC"));
        assertThat(table.announcing(InetAddress.getByName("45.142.46.0")))
                .map(AnnouncingAs::asn)
                .contains(new Asn(44559));
        assertThat(table.announcing(InetAddress.getByName("1.0.0.1")))
                .contains(new AnnouncingAs(new Asn(13335), "Cloudflare, Inc."));
    }

    @Test
    void anAddressNoAsAnnouncesHasNone() throws Exception {
        assertThat(table.announcing(InetAddress.getByName("1.0.1.1")))
                .as("a gap between ranges")
                .isEmpty();
        assertThat(table.announcing(InetAddress.getByName("0.0.0.1")))
                .as("before the first range")
                .isEmpty();
        assertThat(table.announcing(InetAddress.getByName("10.1.2.3")))
                .as("a private network")
                .isEmpty();
        assertThat(table.announcing(InetAddress.getByName("255.255.255.254")))
                .as("past the last range")
                .isEmpty();
        assertThat(table.announcing(InetAddress.getByName("fc00::1"))).isEmpty();
    }

    @Test
    void anIpv6AddressIsComparedOnAll128Bits() throws Exception {
        assertThat(table.announcing(InetAddress.getByName("2001:4860:4860::8888")))
                .contains(new AnnouncingAs(new Asn(15169), "Google LLC"));
        assertThat(table.announcing(InetAddress.getByName("2001:4860:4805::1")))
                .map(AnnouncingAs::holder)
                .contains("Google Ireland Limited");
        assertThat(table.announcing(InetAddress.getByName("2001:4860:4804:ffff:ffff:ffff:ffff:ffff")))
                .map(AnnouncingAs::asn)
                .contains(new Asn(15169));
    }

    @Test
    void anAsNumberIsWrittenWithItsPrefix() {
        assertThat(Asn.parse("AS214787")).isEqualTo(new Asn(214787));
        assertThat(Asn.parse("as4294967294").toString()).isEqualTo("AS4294967294");
        assertThatThrownBy(() -> Asn.parse("214787")).hasMessageContaining("not an AS number such as AS214787");
        assertThatThrownBy(() -> Asn.parse("AS4294967296")).hasMessageContaining("AS numbers end at AS4294967295");
    }
}
