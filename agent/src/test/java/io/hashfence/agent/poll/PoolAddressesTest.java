package io.hashfence.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.protocol.Pool;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each pool is reported with the IP address its host resolves to, looked up once per TTL. */
class PoolAddressesTest {

    @Test
    void resolvesNamesOnceAndKeepsLiteralsAsTheyAre() throws Exception {
        List<String> lookedUp = new ArrayList<>();
        PoolAddresses addresses = new PoolAddresses(
                host -> {
                    lookedUp.add(host);
                    if (host.equals("pool.example.com")) {
                        return InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 10});
                    }
                    throw new UnknownHostException(host);
                },
                Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC),
                Duration.ofMinutes(5));
        List<Pool> pools = List.of(
                new Pool("stratum+tcp://pool.example.com:3333", "wallet.rig1", true),
                new Pool("stratum+tcp://198.51.100.7:3333", "wallet.rig1", false),
                new Pool("stratum+tcp://nowhere.invalid:3333", "wallet.rig1", false));

        List<Pool> first = addresses.withAddresses(pools);
        List<Pool> second = addresses.withAddresses(pools);

        assertThat(first).extracting(Pool::address).containsExactly("203.0.113.10", "198.51.100.7", null);
        assertThat(second).isEqualTo(first);
        assertThat(first.get(0).user())
                .as("the user, the payout address, is kept")
                .isEqualTo("wallet.rig1");
        assertThat(lookedUp)
                .as("one lookup per host within the TTL, none for a literal")
                .containsExactly("pool.example.com", "nowhere.invalid");
    }
}
