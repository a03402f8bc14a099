package io.hashfence.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.agent.AgentMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(Map<String, String> environment, String... args) {
        CommandLine commandLine = AgentMain.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(execute(Map.of(), "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("run", "check", "scan", "simulate");
    }

    @Test
    void missingCommandIsAUsageError() {
        assertThat(execute(Map.of())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Missing command");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(execute(Map.of(), "frobnicate", "--config", "x.yml")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void simulateWithoutTokenSaysWhereToPutIt() {
        assertThat(execute(Map.of(), "simulate", "--rigs", "1", "--site", "a", "--collector", "tcp://127.0.0.1:1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--token", "HASHFENCE_TOKEN");
    }

    @Test
    void simulateRefusesBadFlags() {
        assertThat(execute(Map.of(), "simulate", "--site", "a", "--token", "t", "--collector", "tcp://h:1"))
                .as("missing --rigs").isEqualTo(ExitCodes.USAGE);
        assertThat(execute(Map.of(), "simulate", "--rigs", "ten", "--site", "a", "--token", "t", "--collector", "tcp://h:1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(execute(Map.of(), "simulate", "--rigs", "1", "--site", "a", "--token", "t", "--collector", "tcp://h:1",
                "--interval", "10 seconds")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("ms, s, m, h or d");
        assertThat(execute(Map.of(), "simulate", "--rigs", "0", "--site", "a", "--token", "t", "--collector", "tcp://h:1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(execute(Map.of(), "simulate", "--rigs", "1", "--site", "a", "--token", "t", "--collector", "h:1883"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("tcp://HOST:PORT");
        assertThat(execute(Map.of(), "simulate", "--rigs", "1", "--collector", "tcp://h:1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--site");
    }

    @Test
    void sitesFileExcludesSiteAndToken() throws Exception {
        Path sites = Files.writeString(dir.resolve("sites.txt"), "a t\n");
        assertThat(execute(Map.of(), "simulate", "--rigs", "1", "--sites-file", sites.toString(), "--site", "a",
                "--collector", "tcp://h:1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--sites-file cannot be combined");
    }

    @Test
    void runReportsConfigProblemsWithoutAStackTrace() {
        assertThat(execute(Map.of(), "run", "--config", dir.resolve("absent.yml").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("does not exist").doesNotContain("Exception");
    }
}
