package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.testing.TestCertificates;
import io.hashfence.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped agent over TLS to the shipped collector with plain MQTT off: once with a token, once with a
 * client certificate that names the site (mutual TLS, no token).
 */
class AgentTlsIT {
    private static final Pattern TLS_PORT = Pattern.compile("MQTT over TLS listening on [^:]+:(\\d+)");

    @TempDir
    Path workDir;

    @Test
    void agentsReachACollectorThatOnlySpeaksTls() throws Exception {
        TestCertificates pki = new TestCertificates(Files.createDirectories(workDir.resolve("pki")));
        Path[] server = pki.issue("localhost");
        Path[] client = pki.issue("cert-site");
        Path data = workDir.resolve("data");
        String token = CollectorSites.add(workDir, data, "token-site");
        CollectorSites.add(workDir, data, "cert-site");
        Path config = Files.writeString(
                workDir.resolve("collector.yml"),
                "mqtt:\n  tls:\n    port: 0\n"
                        + "    cert_file: " + server[0] + "\n    key_file: " + server[1] + "\n"
                        + "    client_ca_file: " + pki.caFile() + "\n");
        try (JarProcess collector = JarProcess.start(
                JarProcess.collectorJar(),
                workDir,
                Map.of(),
                "run",
                "--config",
                config.toString(),
                "--data-dir",
                data.toString(),
                "--http-port",
                "0")) {
            int tlsPort = Integer.parseInt(collector.awaitLog(TLS_PORT));
            int httpPort = collector.httpPort();
            assertThat(collector.stderr()).doesNotContain("MQTT listening on");
            String url = "ssl://127.0.0.1:" + tlsPort;
            try (JarProcess withToken = JarProcess.start(
                            JarProcess.agentJar(),
                            workDir,
                            Map.of("HASHFENCE_TOKEN", token),
                            "simulate",
                            "--rigs",
                            "2",
                            "--site",
                            "token-site",
                            "--collector",
                            url,
                            "--interval",
                            "1s",
                            "--ca-file",
                            pki.caFile().toString());
                    JarProcess withCertificate = JarProcess.start(
                            JarProcess.agentJar(),
                            workDir,
                            Map.of("HASHFENCE_TOKEN", "unused-the-certificate-authenticates"),
                            "simulate",
                            "--rigs",
                            "2",
                            "--site",
                            "cert-site",
                            "--collector",
                            url,
                            "--interval",
                            "1s",
                            "--ca-file",
                            pki.caFile().toString(),
                            "--cert-file",
                            client[0].toString(),
                            "--key-file",
                            client[1].toString())) {
                Await.until("the rigs of both sites report", () -> {
                    assertThat(rigs(httpPort, data, "token-site") + rigs(httpPort, data, "cert-site"))
                            .as("agent logs:\n%s\n%s", withToken.stderr(), withCertificate.stderr())
                            .isEqualTo(4);
                    return true;
                });
            }
        }
    }

    private static int rigs(int httpPort, Path data, String site) throws Exception {
        return CollectorApi.every(httpPort, data, "rigs", "site=" + site).size();
    }
}
