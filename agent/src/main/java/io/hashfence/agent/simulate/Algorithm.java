package io.hashfence.agent.simulate;

import java.util.List;

/** The proof-of-work a rig runs, with real pools that serve it. */
public enum Algorithm {
    SHA256(List.of(
            "stratum+tcp://btc.f2pool.com:1314",
            "stratum+tcp://ss.antpool.com:3333",
            "stratum+tcp://btc.viabtc.io:3333",
            "stratum+tcp://stratum.braiins.com:3333",
            "stratum+tcp://btc.foundryusapool.com:3333")),
    KAWPOW(List.of("stratum+tcp://rvn.2miners.com:6060", "stratum+tcp://rvn.woolypooly.com:55555")),
    ETCHASH(List.of(
            "stratum+tcp://etc.2miners.com:1010",
            "stratum+tcp://etc.f2pool.com:8118",
            "stratum+tcp://etc-eu1.nanopool.org:10100")),
    RANDOMX(List.of("stratum+tcp://pool.supportxmr.com:3333", "stratum+tcp://pool.hashvault.pro:3333"));

    private final List<String> poolUrls;

    Algorithm(List<String> poolUrls) {
        this.poolUrls = poolUrls;
    }

    List<String> poolUrls() {
        return poolUrls;
    }
}
