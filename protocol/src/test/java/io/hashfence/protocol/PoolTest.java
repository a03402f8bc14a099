package io.hashfence.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolTest {

    @Test
    void findsTheHostInEveryWayMinersWritePoolUrls() {
        assertThat(pool("stratum+tcp://btc.example-pool.com:3333").host()).contains("btc.example-pool.com");
        assertThat(pool("pool.supportxmr.com:443").host()).contains("pool.supportxmr.com");
        assertThat(pool("stratum+ssl://wallet.rig@[2001:db8::1]:443").host()).contains("2001:db8::1");
        assertThat(pool("stratum2+tcp://198.51.100.7:3333/path").host()).contains("198.51.100.7");
        assertThat(pool("").host()).isEmpty();
    }

    @Test
    void theUrlsUserIsTheUserInformationWithoutItsPassword() {
        assertThat(pool("stratum+tcp://wallet.rig1:secret@pool.example.com:3333")
                        .urlUser())
                .contains("wallet.rig1");
        assertThat(pool("stratum+tcp://wallet.rig1@pool.example.com:3333").urlUser())
                .contains("wallet.rig1");
        assertThat(pool("stratum+tcp://pool.example.com:3333").urlUser()).isEmpty();
    }

    private static Pool pool(String url) {
        return new Pool(url, "user", true);
    }
}
