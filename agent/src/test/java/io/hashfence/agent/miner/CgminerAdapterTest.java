package io.hashfence.agent.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hashfence.agent.testing.FakeCgminer;
import io.hashfence.protocol.Fan;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.Temperature;
import io.hashfence.testing.FreePorts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cgminer-style adapter against recorded replies of each firmware family, served over real TCP. */
class CgminerAdapterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final CgminerAdapter adapter = new CgminerAdapter();

    private MinerSnapshot read(FakeCgminer fake) throws MinerException {
        return adapter.read(endpoint(fake.port()), TIMEOUT);
    }

    private static MinerEndpoint endpoint(int port) {
        return new MinerEndpoint(MinerKind.CGMINER, "127.0.0.1", port, RigId.of("rig-1"), null, null);
    }

    @Test
    void bmminerRepliesWithStringNumbersMissingCommasAndNulTerminators() throws Exception {
        try (FakeCgminer fake = FakeCgminer.serving("bmminer", "version", "summary", "pools", "stats")) {
            MinerSnapshot snapshot = read(fake);

            assertThat(snapshot.type()).isEqualTo("bmminer");
            assertThat(snapshot.model()).isEqualTo("Antminer S19 Pro");
            assertThat(snapshot.firmware()).isEqualTo("Thu Apr 13 16:47:29 CST 2023");
            assertThat(snapshot.status()).isEqualTo(MinerStatus.MINING);
            assertThat(snapshot.hashrate()).isCloseTo(110321.45e9, within(1.0));
            assertThat(snapshot.powerWatts()).isNull();
            assertThat(snapshot.temperatures())
                    .containsExactlyInAnyOrder(
                            new Temperature("temp1", 54),
                            new Temperature("temp2", 55),
                            new Temperature("temp3", 53),
                            new Temperature("temp2_1", 71),
                            new Temperature("temp2_2", 72),
                            new Temperature("temp2_3", 70),
                            new Temperature("temp_pcb1", 57),
                            new Temperature("temp_pcb2", 58),
                            new Temperature("temp_pcb3", 56),
                            new Temperature("temp_chip1", 73),
                            new Temperature("temp_chip2", 74),
                            new Temperature("temp_chip3", 72));
            assertThat(snapshot.fans())
                    .containsExactlyInAnyOrder(
                            new Fan("fan1", 5520), new Fan("fan2", 5640), new Fan("fan3", 5520), new Fan("fan4", 5580));
            assertThat(snapshot.pools())
                    .containsExactly(
                            new Pool("stratum+tcp://btc.f2pool.com:1314", "hashfence.s19pro0007", true),
                            new Pool("stratum+tcp://ss.antpool.com:3333", "hashfence.s19pro0007", false),
                            new Pool("stratum+tcp://btc.viabtc.io:3333", "hashfence.s19pro0007", false));
        }
    }

    @Test
    void braiinsReportsPowerFromTunerstatusAndModelFromDevdetails() throws Exception {
        try (FakeCgminer fake = FakeCgminer.serving(
                "braiins", "version", "summary", "pools", "devdetails", "tunerstatus", "temps", "fans")) {
            MinerSnapshot snapshot = read(fake);

            assertThat(snapshot.type()).isEqualTo("braiins-os");
            assertThat(snapshot.model()).isEqualTo("Antminer S19j Pro");
            assertThat(snapshot.firmware()).isEqualTo("0.2.0-36c56a9363");
            assertThat(snapshot.hashrate()).as("MHS 1m").isCloseTo(98765432.1e6, within(1.0));
            assertThat(snapshot.powerWatts()).isEqualTo(3012.0);
            assertThat(snapshot.temperatures())
                    .contains(new Temperature("board6", 54), new Temperature("chip6", 69.5))
                    .hasSize(6);
            assertThat(snapshot.fans()).containsExactly(new Fan("fan0", 4380), new Fan("fan1", 4410));
            assertThat(snapshot.pools())
                    .containsExactly(new Pool("stratum+tcp://stratum.braiins.com:3333", "hashfence.s19jpro0012", true));
        }
    }

    @Test
    void luxosReportsPowerFromThePowerCommand() throws Exception {
        try (FakeCgminer fake = FakeCgminer.serving("luxos", "version", "summary", "pools", "power", "temps", "fans")) {
            MinerSnapshot snapshot = read(fake);

            assertThat(snapshot.type()).isEqualTo("luxos");
            assertThat(snapshot.model()).isEqualTo("Antminer S19 XP");
            assertThat(snapshot.firmware()).isEqualTo("2024.5.1.152938-da5d7e8");
            assertThat(snapshot.hashrate()).as("GHS 5s").isCloseTo(140123.12e9, within(1.0));
            assertThat(snapshot.powerWatts()).isEqualTo(3012.0);
            assertThat(snapshot.temperatures()).hasSize(6).contains(new Temperature("chip2", 67));
            assertThat(snapshot.fans()).hasSize(4);
        }
    }

    @Test
    void avalonReportsWallPowerTemperaturesAndFansFromTheEstatsString() throws Exception {
        try (FakeCgminer fake = FakeCgminer.serving("avalon", "version", "summary", "pools", "estats")) {
            MinerSnapshot snapshot = read(fake);

            assertThat(snapshot.type()).isEqualTo("avalon");
            assertThat(snapshot.model()).isEqualTo("AvalonMiner 1246");
            assertThat(snapshot.hashrate()).as("MHS 1m").isCloseTo(88.9e12, within(1.0));
            assertThat(snapshot.powerWatts()).isEqualTo(3765.0);
            assertThat(snapshot.temperatures())
                    .containsExactly(new Temperature("id0_inlet", 29), new Temperature("id0_chip_max", 84));
            assertThat(snapshot.fans())
                    .containsExactly(
                            new Fan("id0_fan1", 6120),
                            new Fan("id0_fan2", 6090),
                            new Fan("id0_fan3", 6060),
                            new Fan("id0_fan4", 6150));
            assertThat(snapshot.pools()).filteredOn(Pool::active).hasSize(1);
        }
    }

    @Test
    void whatsminerApiV2ReportsPowerAndRealtimeHashrateFromItsSummary() throws Exception {
        try (FakeCgminer fake =
                FakeCgminer.serving("whatsminer-v2", "version", "summary", "pools", "devdetails", "devs")) {
            MinerSnapshot snapshot = read(fake);

            assertThat(snapshot.type()).isEqualTo("whatsminer");
            assertThat(snapshot.model()).isEqualTo("Whatsminer M30S++.VH40");
            assertThat(snapshot.hashrate()).as("HS RT in MH/s").isCloseTo(112030000.77e6, within(1.0));
            assertThat(snapshot.powerWatts()).isEqualTo(3412.0);
            assertThat(snapshot.temperatures())
                    .contains(
                            new Temperature("board", 71.5),
                            new Temperature("asc0", 70),
                            new Temperature("asc2_chip", 75));
            assertThat(snapshot.fans()).containsExactly(new Fan("fan_in", 5400), new Fan("fan_out", 5370));
        }
    }

    @Test
    void teamRedMinerIsToldByItsDescriptionAndReadsGpuDevices() throws Exception {
        try (FakeCgminer fake = FakeCgminer.serving("teamredminer", "version", "summary", "pools", "stats", "devs")) {
            MinerSnapshot snapshot = read(fake);

            assertThat(snapshot.type()).isEqualTo("teamredminer");
            assertThat(snapshot.firmware()).isEqualTo("TeamRedMiner 0.10.21");
            assertThat(snapshot.hashrate()).as("MHS 30s").isCloseTo(185.02e6, within(1.0));
            assertThat(snapshot.temperatures())
                    .containsExactly(
                            new Temperature("gpu0", 61), new Temperature("gpu1", 62), new Temperature("gpu2", 63));
            assertThat(snapshot.fans())
                    .containsExactly(new Fan("gpu0", 1820), new Fan("gpu1", 1830), new Fan("gpu2", 1840));
            assertThat(snapshot.pools())
                    .containsExactly(new Pool("stratum+tcp://etc.2miners.com:1010", "0x6f1e2c4b7a93.rx580rig", true));
        }
    }

    @Test
    void oldCgminerAnsweringInThePlainTextFormatIsRead() throws Exception {
        try (FakeCgminer fake = FakeCgminer.serving("cgminer-text", "version", "summary", "pools", "devs")) {
            MinerSnapshot snapshot = read(fake);

            assertThat(snapshot.type()).isEqualTo("cgminer");
            assertThat(snapshot.firmware()).isEqualTo("4.9.2");
            assertThat(snapshot.hashrate()).as("MHS 1m").isCloseTo(13.55e12, within(1.0));
            assertThat(snapshot.temperatures()).containsExactly(new Temperature("asc0", 48.5));
            assertThat(snapshot.pools())
                    .containsExactly(
                            new Pool("stratum+tcp://pool.example.com:3333", "worker1", true),
                            new Pool("stratum+tcp://backup.example.com:3333", "worker1", false));
        }
    }

    @Test
    void aMinerWithZeroHashrateIsIdleAndAnErrorStatusIsAnError() throws Exception {
        try (FakeCgminer fake = FakeCgminer.serving("bmminer", "version", "pools", "stats")) {
            fake.reply(
                    "summary",
                    ("{\"STATUS\":[{\"STATUS\":\"S\",\"Msg\":\"Summary\"}],\"SUMMARY\":[{\"GHS 5s\":\"0.00\","
                                    + "\"GHS av\":0}],\"id\":1}\u0000")
                            .getBytes(StandardCharsets.US_ASCII));
            assertThat(read(fake).status()).isEqualTo(MinerStatus.IDLE);

            fake.reply(
                    "summary",
                    ("{\"STATUS\":[{\"STATUS\":\"E\",\"Msg\":\"No device\"}],\"SUMMARY\":[{\"GHS 5s\":\"0\"}],"
                                    + "\"id\":1}\u0000")
                            .getBytes(StandardCharsets.US_ASCII));
            assertThat(read(fake).status()).isEqualTo(MinerStatus.ERROR);
        }
    }

    @Test
    void garbageIsReportedAsGarbledWithWhatCameBack() throws Exception {
        try (FakeCgminer fake = FakeCgminer.serving("bmminer", "version")) {
            fake.reply("summary", "<html><body>401 Unauthorized</body></html>".getBytes(StandardCharsets.US_ASCII));

            assertThatThrownBy(() -> read(fake)).isInstanceOfSatisfying(MinerException.class, e -> {
                assertThat(e.problem()).isEqualTo(MinerException.Problem.GARBLED);
                assertThat(e.getMessage()).contains("summary", "401 Unauthorized");
            });
        }
    }

    @Test
    void aMinerThatNeverAnswersIsUnreachableWithinTheTimeout() throws Exception {
        try (FakeCgminer fake = FakeCgminer.serving("bmminer", "version", "summary")) {
            fake.goSilent();
            long started = System.nanoTime();

            assertThatThrownBy(() -> adapter.read(endpoint(fake.port()), Duration.ofMillis(300)))
                    .isInstanceOfSatisfying(
                            MinerException.class,
                            e -> assertThat(e.problem()).isEqualTo(MinerException.Problem.UNREACHABLE));
            // Bounded by the timeout, not by the silent miner, which holds the connection for 60 s; the margin
            // is for a loaded machine.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port = FreePorts.pick();
        assertThatThrownBy(() -> adapter.read(endpoint(port), TIMEOUT))
                .isInstanceOfSatisfying(MinerException.class, e -> {
                    assertThat(e.problem()).isEqualTo(MinerException.Problem.UNREACHABLE);
                    assertThat(e.getMessage()).contains("127.0.0.1:" + port);
                });
    }
}
