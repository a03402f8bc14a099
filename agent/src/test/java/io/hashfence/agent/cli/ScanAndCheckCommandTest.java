package io.hashfence.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.agent.testing.FakeCgminer;
import io.hashfence.agent.testing.FakeHttpMiner;
import io.hashfence.agent.testing.Mosquitto;
import io.hashfence.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanAndCheckCommandTest {
    @TempDir
    Path dir;

    private final CapturedCommandLine cli = new CapturedCommandLine();

    @Test
    void scanListsEachMinerWithTypeModelAndFirmware() throws Exception {
        try (FakeCgminer antminer = FakeCgminer.serving("bmminer", "version", "summary", "pools", "stats");
                FakeHttpMiner xmrig = FakeHttpMiner.serving("/2/summary", "xmrig-summary.json")) {
            int exit = cli.execute(
                    Map.of(),
                    "scan",
                    "127.0.0.1/32",
                    "--probe",
                    "cgminer:" + antminer.port(),
                    "--probe",
                    "xmrig:" + xmrig.port(),
                    "--probe",
                    "t-rex:" + FreePorts.pick(),
                    "--timeout",
                    "2s");

            assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
            assertThat(cli.out())
                    .containsPattern("127\\.0\\.0\\.1:" + antminer.port()
                            + "\\s+cgminer\\s+bmminer\\s+Antminer S19 Pro\\s+Thu Apr 13")
                    .containsPattern(
                            "127\\.0\\.0\\.1:" + xmrig.port() + "\\s+xmrig\\s+xmrig\\s+AMD Ryzen 9 7950X.*6\\.21\\.0")
                    .contains("2 miners found");
        }
    }

    @Test
    void scanRefusesARangeItCannotScan() {
        assertThat(cli.execute(Map.of(), "scan", "10.0.0.0/8")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("too large", "/16");
        assertThat(cli.execute(Map.of(), "scan", "10.0.0.0/24", "--probe", "antminer:4028"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("unknown miner type \"antminer\"");
    }

    @Test
    void checkSaysWhatWorksAndWhatToFix() throws Exception {
        int absent = FreePorts.pick();
        try (Mosquitto broker = Mosquitto.start(dir, Map.of("site-c", "token-c"));
                FakeCgminer antminer = FakeCgminer.serving(
                        "braiins", "version", "summary", "pools", "devdetails", "tunerstatus", "temps", "fans")) {
            Path config = dir.resolve("agent.yml");
            Files.writeString(config, """
                    site: site-c
                    collector: %s
                    miners:
                      - host: 127.0.0.1
                        port: %d
                        rig: good-one
                      - host: 127.0.0.1
                        port: %d
                        rig: missing-one
                    poll: {timeout: 1s}
                    location: {source: static, lat: 52.28, lon: 104.3, accuracy_m: 30}
                    outbox: {directory: %s}
                    """.formatted(broker.url(), antminer.port(), absent, dir.resolve("outbox")));

            int exit = cli.execute(Map.of("HASHFENCE_TOKEN", "token-c"), "check", "--config", config.toString());

            assertThat(exit).isEqualTo(ExitCodes.FAILURE);
            assertThat(cli.out())
                    .containsPattern("ok +miner cgminer 127\\.0\\.0\\.1:" + antminer.port()
                            + " \\(good-one\\): braiins-os Antminer S19j Pro, mining, 98\\.77 TH/s, 3012 W")
                    .containsPattern("FAIL +miner cgminer 127\\.0\\.0\\.1:" + absent + " \\(missing-one\\)")
                    .contains("fix: check the address and port")
                    .containsPattern("ok +location: static position 52\\.28, 104\\.3")
                    .containsPattern("ok +outbox: .* is writable")
                    .containsPattern("ok +collector .*authenticated as site site-c")
                    .contains("1 check(s) failed");

            cli.clearOut();
            assertThat(cli.execute(Map.of("HASHFENCE_TOKEN", "wrong"), "check", "--config", config.toString()))
                    .isEqualTo(ExitCodes.FAILURE);
            assertThat(cli.out()).containsPattern("FAIL +collector").contains("refused site and token");
        }
    }
}
