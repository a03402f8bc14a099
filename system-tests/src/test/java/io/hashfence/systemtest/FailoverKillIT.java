package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.testing.ExternalBinary;
import io.hashfence.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill test: {@code ./hashfence bench failover}, small (two collectors, 600 rigs over 6 sites at QoS 1),
 * run from the shipped jars as the launcher runs it: PostgreSQL, HAProxy with the shipped config, one
 * collector SIGKILLed mid-stream. Every acknowledged sample must be applied by some collector (the shared
 * sequence windows hold it), none twice, every site dropped by the kill must be back through HAProxy within
 * 10 s, and no alert may be notified again by the collector its site moved to (docs/SCALING.md).
 */
class FailoverKillIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The benchmark's own waits are bounded (120 s each); this only stops a run that hangs. */
    private static final long RUN_MINUTES = 15;

    @TempDir
    Path workDir;

    @Test
    void noAcknowledgedSampleIsLostWhenACollectorIsKilledMidStream() throws Exception {
        ExternalBinary.require("haproxy", "haproxy");
        PostgresServer.requireInstalled();
        Path benchmarks = Path.of(System.getProperty("hashfence.benchmarks.jar", "missing: run through Maven"));
        assertThat(benchmarks).as("the benchmarks' shaded jar").isRegularFile();
        Path result = workDir.resolve("failover.json");
        Path log = workDir.resolve("failover.log");
        Process bench = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        benchmarks.toString(),
                        "io.hashfence.bench.failover.FailoverBenchmark",
                        "--collector-jar",
                        JarProcess.collectorJar().toString(),
                        "--collector-jvm-flags",
                        "-Dio.netty.leakDetection.level=PARANOID -Xmx512m",
                        "--haproxy-template",
                        System.getProperty("hashfence.haproxy.template"),
                        "--collectors",
                        "2",
                        "--sites",
                        "6",
                        "--rigs",
                        "600",
                        "--before-kill",
                        "10",
                        "--after-kill",
                        "10",
                        "--work-dir",
                        workDir.resolve("cluster").toString(),
                        "--result",
                        result.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!bench.waitFor(RUN_MINUTES, TimeUnit.MINUTES)) {
            bench.destroyForcibly().waitFor();
        }
        assertThat(bench.exitValue()).as(Files.readString(log)).isZero();

        JsonNode failover = JSON.readTree(result.toFile());
        assertThat(failover.get("killed_site_connections").asInt())
                .as("the killed collector held sites")
                .isPositive();
        assertThat(failover.get("acknowledged").asLong())
                .as("every published sample was acknowledged in the end")
                .isEqualTo(failover.get("published").asLong())
                .isPositive();
        assertThat(failover.get("acknowledged_lost").asLong()).isZero();
        assertThat(failover.get("duplicates_applied").asLong())
                .as("resends to the collector a site moved to are refused as duplicates (shared windows)")
                .isZero();
        assertThat(failover.get("alerts_notified").asInt())
                .as("the fleet has rigs in restricted places")
                .isPositive();
        assertThat(failover.get("alert_notifications_duplicated").asInt())
                .as("the collector a site moved to adopts its open alerts without notifying them again")
                .isZero();
        assertThat(failover.get("never_reconnected").asInt()).isZero();
        assertThat(failover.get("reconnected").asInt())
                .isEqualTo(failover.get("killed_site_connections").asInt());
        assertThat(failover.get("reconnected_p99_seconds").asDouble()).isLessThanOrEqualTo(10.0);
        for (int i = 1; i <= 2; i++) {
            assertThat(Files.readString(workDir.resolve("cluster/collector-" + i + ".log")))
                    .as("collector-" + i + " log")
                    .doesNotContain("LEAK:");
        }
    }
}
