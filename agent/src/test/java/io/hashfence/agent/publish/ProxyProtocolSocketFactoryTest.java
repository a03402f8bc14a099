package io.hashfence.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ProxyProtocolSocketFactoryTest {
    @Test
    void aConnectionBeginsWithAVersion2HeaderNamingTheSourceThenCarriesTheData() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProxyProtocolSocketFactory factory = new ProxyProtocolSocketFactory(InetAddress.getByName("77.88.8.8"));
            try (Socket client = factory.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    Socket accepted = server.accept()) {
                client.getOutputStream().write(0x10);
                client.getOutputStream().flush();
                InputStream in = accepted.getInputStream();
                byte[] received = in.readNBytes(16 + 12 + 1);
                String hex = HexFormat.of().formatHex(received);
                assertThat(hex).startsWith("0d0a0d0a000d0a515549540a" + "21" + "11" + "000c" + "4d580808" + "7f000001");
                assertThat(hex.substring(48, 52)).isEqualTo(String.format("%04x", client.getLocalPort()));
                assertThat(hex.substring(52, 56)).isEqualTo(String.format("%04x", server.getLocalPort()));
                assertThat(received[28]).as("the MQTT bytes follow the header").isEqualTo((byte) 0x10);
            }
        }
    }

    @Test
    void anIpv6SourceToAnIpv4CollectorIsSentAsIpv6WithAMappedDestination() throws Exception {
        byte[] header = ProxyProtocolSocketFactory.header(
                InetAddress.getByName("2001:db8::1"),
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1883),
                40000);
        String hex = HexFormat.of().formatHex(header);
        assertThat(hex.substring(24, 32)).isEqualTo("21" + "21" + "0024");
        assertThat(hex).contains("00000000000000000000ffff7f000001");
        assertThat(header).hasSize(16 + 36);
    }
}
