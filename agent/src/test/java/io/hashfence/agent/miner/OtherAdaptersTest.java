package io.hashfence.agent.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hashfence.agent.testing.FakeHttpMiner;
import io.hashfence.agent.testing.FakeWhatsminerV3;
import io.hashfence.protocol.Fan;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.Temperature;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Whatsminer API v3 and the HTTP miner APIs against recorded replies, served over real sockets. */
class OtherAdaptersTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private static MinerEndpoint endpoint(MinerKind kind, int port, String token) {
        return new MinerEndpoint(kind, "127.0.0.1", port, RigId.of("rig-1"), token, null);
    }

    @Test
    void whatsminerApiV3ReadsTerahashesAndPowerThroughLengthFraming() throws Exception {
        try (FakeWhatsminerV3 fake = FakeWhatsminerV3.start()) {
            MinerSnapshot snapshot =
                    new WhatsminerV3Adapter().read(endpoint(MinerKind.WHATSMINER_V3, fake.port(), null), TIMEOUT);

            assertThat(snapshot.type()).isEqualTo("whatsminer");
            assertThat(snapshot.model()).isEqualTo("Whatsminer M50S");
            assertThat(snapshot.firmware()).isEqualTo("20240305.22.REL");
            assertThat(snapshot.hashrate()).as("hash-realtime in TH/s").isCloseTo(118.32e12, within(1.0));
            assertThat(snapshot.powerWatts()).isEqualTo(3305.0);
            assertThat(snapshot.temperatures()).contains(new Temperature("chip_max", 79.8));
            assertThat(snapshot.fans()).containsExactly(new Fan("fan_in", 4980), new Fan("fan_out", 4890));
            assertThat(snapshot.pools())
                    .containsExactly(
                            new Pool("stratum+tcp://btc.f2pool.com:1314", "hashfence.m50-0002", true),
                            new Pool("stratum+tcp://ss.antpool.com:3333", "hashfence.m50-0002", false));
        }
    }

    @Test
    void xmrigTakesTheShortestFilledWindowAndSendsTheAccessToken() throws Exception {
        try (FakeHttpMiner fake = FakeHttpMiner.serving("/2/summary", "xmrig-summary.json")) {
            fake.requireToken("s3cret");
            XmrigAdapter adapter = new XmrigAdapter();

            assertThatThrownBy(() -> adapter.read(endpoint(MinerKind.XMRIG, fake.port(), null), TIMEOUT))
                    .isInstanceOfSatisfying(
                            MinerException.class,
                            e -> assertThat(e.getMessage()).contains("HTTP 401", "access_token"));

            MinerSnapshot snapshot = adapter.read(endpoint(MinerKind.XMRIG, fake.port(), "s3cret"), TIMEOUT);
            assertThat(snapshot.type()).isEqualTo("xmrig");
            assertThat(snapshot.model()).isEqualTo("AMD Ryzen 9 7950X 16-Core Processor");
            assertThat(snapshot.firmware()).isEqualTo("6.21.0");
            assertThat(snapshot.hashrate()).isEqualTo(25012.31);
            assertThat(snapshot.status()).isEqualTo(MinerStatus.MINING);
            assertThat(snapshot.pools()).containsExactly(new Pool("pool.supportxmr.com:443", "cpu7950x-0003", true));
        }
    }

    @Test
    void xmrigWhoseWindowsAreAllStillNullIsIdleAtZero() throws Exception {
        try (FakeHttpMiner fake = FakeHttpMiner.serving("/2/summary", "xmrig-summary-starting.json")) {
            MinerSnapshot snapshot = new XmrigAdapter().read(endpoint(MinerKind.XMRIG, fake.port(), null), TIMEOUT);

            assertThat(snapshot.hashrate()).isZero();
            assertThat(snapshot.status()).isEqualTo(MinerStatus.IDLE);
        }
    }

    @Test
    void trexSumsGpuPowerAndListsGpuTemperatures() throws Exception {
        try (FakeHttpMiner fake = FakeHttpMiner.serving("/summary", "trex-summary.json")) {
            MinerSnapshot snapshot = new TrexAdapter().read(endpoint(MinerKind.TREX, fake.port(), null), TIMEOUT);

            assertThat(snapshot.hashrate()).isEqualTo(150_600_000.0);
            assertThat(snapshot.powerWatts()).isEqualTo(735.0);
            assertThat(snapshot.model()).isEqualTo("6x RTX 3070");
            assertThat(snapshot.temperatures()).hasSize(6).contains(new Temperature("gpu5", 65));
            assertThat(snapshot.fans())
                    .as("T-Rex gives fan percentages, not RPM")
                    .isEmpty();
            assertThat(snapshot.pools())
                    .containsExactly(new Pool(
                            "stratum+tcp://rvn.2miners.com:6060",
                            "RXk3HvYdwQhV6xkUkDn9q2kgj1xWa5Kx7s.gpu3070x6-0001",
                            true));
        }
    }

    @Test
    void lolminerScalesItsPerformanceUnit() throws Exception {
        try (FakeHttpMiner fake = FakeHttpMiner.serving("/summary", "lolminer-summary.json")) {
            MinerSnapshot snapshot =
                    new LolminerAdapter().read(endpoint(MinerKind.LOLMINER, fake.port(), null), TIMEOUT);

            assertThat(snapshot.hashrate()).isCloseTo(480.12e6, within(1.0));
            assertThat(snapshot.powerWatts()).isCloseTo(1072.0, within(0.01));
            assertThat(snapshot.firmware()).isEqualTo("lolMiner 1.82");
            assertThat(snapshot.temperatures()).hasSize(8);
        }
    }

    @Test
    void gminerSumsDeviceSpeeds() throws Exception {
        try (FakeHttpMiner fake = FakeHttpMiner.serving("/stat", "gminer-stat.json")) {
            MinerSnapshot snapshot = new GminerAdapter().read(endpoint(MinerKind.GMINER, fake.port(), null), TIMEOUT);

            assertThat(snapshot.hashrate()).isEqualTo(8.6e9);
            assertThat(snapshot.powerWatts()).isEqualTo(1246.0);
            assertThat(snapshot.firmware()).isEqualTo("GMiner 3.44");
        }
    }

    @Test
    void nbminerReadsTheRawTotals() throws Exception {
        try (FakeHttpMiner fake = FakeHttpMiner.serving("/api/v1/status", "nbminer-status.json")) {
            MinerSnapshot snapshot = new NbminerAdapter().read(endpoint(MinerKind.NBMINER, fake.port(), null), TIMEOUT);

            assertThat(snapshot.hashrate()).isEqualTo(150_600_000.0);
            assertThat(snapshot.powerWatts()).isEqualTo(723.0);
            assertThat(snapshot.model()).isEqualTo("6x GeForce RTX 3070");
        }
    }

    @Test
    void anHttpMinerAnsweringSomethingElseIsGarbled() throws Exception {
        try (FakeHttpMiner fake = FakeHttpMiner.serving("/summary", "xmrig-summary.json")) {
            assertThatThrownBy(() -> new TrexAdapter().read(endpoint(MinerKind.TREX, fake.port(), null), TIMEOUT))
                    .isInstanceOfSatisfying(MinerException.class, e -> {
                        assertThat(e.problem()).isEqualTo(MinerException.Problem.GARBLED);
                        assertThat(e.getMessage()).contains("no hashrate");
                    });
        }
    }
}
