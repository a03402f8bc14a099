package io.hashfence.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    private final CapturedCommandLine cli = new CapturedCommandLine();

    @Test
    void helpListsEveryCommand() {
        assertThat(cli.execute(Map.of(), "--help")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("run", "check", "scan", "simulate");
    }

    @Test
    void missingCommandIsAUsageError() {
        assertThat(cli.execute(Map.of())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("Missing command");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(cli.execute(Map.of(), "frobnicate", "--config", "x.yml")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void simulateWithoutTokenSaysWhereToPutIt() {
        assertThat(cli.execute(Map.of(), "simulate", "--rigs", "1", "--site", "a", "--collector", "tcp://127.0.0.1:1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--token", "HASHFENCE_TOKEN");
    }

    @Test
    void simulateNamesEveryMissingOptionAtOnce() {
        assertThat(cli.execute(Map.of(), "simulate")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err())
                .contains("Missing 4 required arguments: '--rigs N', '--collector URL', "
                        + "'--site SITE' (or --sites-file FILE), '--token TOKEN' (or set HASHFENCE_TOKEN)");
    }

    @Test
    void simulateRefusesBadFlags() {
        assertThat(cli.execute(Map.of(), "simulate", "--site", "a", "--token", "t", "--collector", "tcp://h:1"))
                .as("missing --rigs")
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.execute(
                        Map.of(),
                        "simulate",
                        "--rigs",
                        "ten",
                        "--site",
                        "a",
                        "--token",
                        "t",
                        "--collector",
                        "tcp://h:1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.execute(
                        Map.of(),
                        "simulate",
                        "--rigs",
                        "1",
                        "--site",
                        "a",
                        "--token",
                        "t",
                        "--collector",
                        "tcp://h:1",
                        "--interval",
                        "10 seconds"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("ms, s, m, h or d");
        assertThat(cli.execute(
                        Map.of(), "simulate", "--rigs", "0", "--site", "a", "--token", "t", "--collector", "tcp://h:1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.execute(
                        Map.of(), "simulate", "--rigs", "1", "--site", "a", "--token", "t", "--collector", "h:1883"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("tcp://HOST:PORT");
        assertThat(cli.execute(Map.of(), "simulate", "--rigs", "1", "--collector", "tcp://h:1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--site");
    }

    @Test
    void sitesFileExcludesSiteAndToken() throws Exception {
        Path sites = Files.writeString(dir.resolve("sites.txt"), "a t\n");
        assertThat(cli.execute(
                        Map.of(),
                        "simulate",
                        "--rigs",
                        "1",
                        "--sites-file",
                        sites.toString(),
                        "--site",
                        "a",
                        "--collector",
                        "tcp://h:1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--sites-file cannot be combined");
    }

    @Test
    void runReportsConfigProblemsWithoutAStackTrace() {
        assertThat(cli.execute(
                        Map.of(), "run", "--config", dir.resolve("absent.yml").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("does not exist").doesNotContain("Exception");
    }
}
