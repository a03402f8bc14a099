package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped jar's --policy and --alertmanager flags, and a policy reload on a real SIGHUP. */
class PolicyFlagsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    @Test
    void thePolicyFlagTakesEffectAndSighupReloadsIt() throws Exception {
        Path policy = workDir.resolve("policy.yml");
        Files.writeString(policy, "include: [ofac-comprehensive]\n");
        FileTime fixed = Files.getLastModifiedTime(policy);
        try (JarProcess collector = JarProcess.runCollector(
                workDir,
                workDir.resolve("data"),
                "--policy",
                policy.toString(),
                "--alertmanager",
                "http://127.0.0.1:9")) {
            int port = collector.httpPort();
            assertThat(locateAlmaty(port)).contains("\"restricted\":null").contains("\"origin\":\"" + policy + "\"");

            // Same modification time as before, so only the signal can make the collector read it again.
            Files.writeString(policy, "include: [ofac-comprehensive]\nrestricted:\n  - code: KZ\n    reason: test\n");
            Files.setLastModifiedTime(policy, fixed);
            // Nothing to wait for: a reload that is not asked for must not happen in this time.
            Thread.sleep(1500);
            assertThat(locateAlmaty(port)).contains("\"restricted\":null");
            Process hup = new ProcessBuilder("kill", "-HUP", String.valueOf(collector.pid())).start();
            assertThat(hup.waitFor()).isZero();
            Await.until(
                    "Almaty is restricted by the reloaded policy",
                    () -> locateAlmaty(port).contains("\"code\":\"KZ\""));
            collector.awaitLog(Pattern.compile("policy reloaded from " + Pattern.quote(policy.toString())));
        }
    }

    @Test
    void aBadPolicyOrAlertmanagerUrlStopsStartupWithAClearMessage() throws Exception {
        Path policy = workDir.resolve("bad.yml");
        Files.writeString(policy, "restricted:\n  - code: RU-XYZ\n    reason: x\n");
        JarProcess badPolicy = JarProcess.runCollector(workDir, workDir.resolve("d1"), "--policy", policy.toString());
        assertThat(badPolicy.waitFor()).isNotZero();
        assertThat(badPolicy.stderr()).contains(policy + " line 2: RU-XYZ is not a country or subdivision");

        JarProcess badUrl = JarProcess.start(
                JarProcess.collectorJar(),
                workDir,
                Map.of(),
                "run",
                "--data-dir",
                workDir.resolve("d2").toString(),
                "--alertmanager",
                "localhost:9093");
        assertThat(badUrl.waitFor()).isEqualTo(2);
        assertThat(badUrl.stderr()).contains("--alertmanager must be an http:// or https:// URL");
    }

    private static String locateAlmaty(int port) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/api/v1/locate?lat=43.25&lon=76.95"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
