package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The .deb packages the build makes (packaging/target), installed, run, upgraded and purged on a Debian host in
 * a container built here (hashfence/debian-host: Java 17 and systemd's tools). systemd does not run in the
 * container, so the services' command lines run as their units say: the unit's user, working directory,
 * environment file and ExecStart, read from the installed unit file.
 */
class DebianPackagesIT {
    private static final Path PACKAGES =
            StackConfigIT.ExternalTool.repositoryRoot().resolve("packaging/target");
    private static final Duration SETTLE = Duration.ofMinutes(2);
    private static final String SITE = "texas-01";

    private GenericContainer<?> host;

    @BeforeEach
    void startADebianHost() throws IOException {
        DockerEngine.requireImages(DockerEngine.DEBIAN_HOST_IMAGE);
        host = new GenericContainer<>(DockerImageName.parse(DockerEngine.DEBIAN_HOST_IMAGE))
                .withCommand("sleep", "infinity")
                // an init that reaps the stopped services, as systemd would (sleep as PID 1 would leave zombies)
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withInit(true))
                .withCopyFileToContainer(
                        MountableFile.forHostPath(deb("hashfence-collector")), "/debs/hashfence-collector.deb")
                .withCopyFileToContainer(
                        MountableFile.forHostPath(deb("hashfence-agent")), "/debs/hashfence-agent.deb");
        host.start();
    }

    @AfterEach
    void stopTheHost() {
        if (host != null) {
            host.stop();
        }
    }

    @Test
    void theUnitsPassSystemdAnalyzeVerifyWhereThePackagesInstalledThem() throws Exception {
        ok("dpkg -i /debs/hashfence-collector.deb /debs/hashfence-agent.deb");
        ExecResult verify = sh("systemd-analyze verify /lib/systemd/system/hashfence-collector.service"
                + " /lib/systemd/system/hashfence-agent.service");
        assertThat(verify.getExitCode())
                .as(verify.getStdout() + verify.getStderr())
                .isZero();
        assertThat(verify.getStdout() + verify.getStderr()).as("no warnings").isBlank();
    }

    @Test
    void installRunsTheServicesAsTheirUnitsSayUpgradeKeepsConfigAndDataPurgeRemovesTheConfig() throws Exception {
        String install = ok("dpkg -i /debs/hashfence-collector.deb /debs/hashfence-agent.deb");
        assertThat(install)
                .contains(
                        "configure /etc/hashfence/collector.yml, then: systemctl enable --now hashfence-collector.service");
        assertThat(
                        ok(
                                "stat -c '%U:%G %a' /var/lib/hashfence /etc/hashfence/collector.yml /etc/hashfence/agent.yml /etc/hashfence/agent.env"))
                .isEqualTo("hashfence:hashfence 700\nroot:hashfence 640\nroot:hashfence 640\nroot:hashfence 640\n");
        assertThat(ok("getent passwd hashfence | cut -d: -f6,7")).isEqualTo("/var/lib/hashfence:/usr/sbin/nologin\n");
        assertThat(
                        ok(
                                "cat /var/lib/dpkg/info/hashfence-collector.conffiles /var/lib/dpkg/info/hashfence-agent.conffiles"))
                .isEqualTo("/etc/hashfence/collector.yml\n/etc/hashfence/agent.yml\n/etc/hashfence/agent.env\n");

        // As shipped, the collector opens no port by surprise: it refuses to start until a listener is configured.
        ExecResult unconfigured = sh(asTheUnit("hashfence-collector") + " </dev/null");
        assertThat(unconfigured.getExitCode())
                .as("a config error, which the unit does not restart")
                .isEqualTo(2);
        assertThat(unconfigured.getStderr()).contains("no MQTT listener: configure mqtt.tls");

        // The operator's configuration: plain MQTT on this host, a site, and the agent of that site.
        ok("sed -i 's/^  plain: false$/  plain: true/' /etc/hashfence/collector.yml");
        String token = ok("setpriv --reuid=hashfence --regid=hashfence --init-groups"
                        + " hashfence-collector sites add " + SITE + " --data-dir /var/lib/hashfence | tail -n 1")
                .strip();
        ok("sed -i 's/^publish_interval: 10s$/publish_interval: 1s/' /etc/hashfence/agent.yml");
        ok("printf 'site: " + SITE + "\\nminers:\\n  - host: 127.0.0.1\\n    rig: rack1-s19-01\\n"
                + "location:\\n  source: static\\n  lat: 30.6557\\n  lon: -97.0017\\n' >> /etc/hashfence/agent.yml");
        ok("echo 'HASHFENCE_TOKEN=" + token + "' >> /etc/hashfence/agent.env");
        String configured = ok("md5sum /etc/hashfence/collector.yml /etc/hashfence/agent.yml /etc/hashfence/agent.env");

        startInBackground("hashfence-collector");
        awaitOutput(
                "curl-less GET /healthz",
                "exec 3<>/dev/tcp/127.0.0.1/9464 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3" + " && cat <&3",
                "\"status\":\"ok\"");
        startInBackground("hashfence-agent");
        awaitOutput(
                "the agent's rig at the collector",
                "exec 3<>/dev/tcp/127.0.0.1/9464"
                        + " && printf 'GET /api/v1/rigs HTTP/1.0\\r\\nAuthorization: Bearer %s\\r\\n\\r\\n'"
                        + " \"$(cat /var/lib/hashfence/api-token)\" >&3 && cat <&3",
                "rack1-s19-01");
        assertThat(ok("ps -o user= -C java | sort -u"))
                .as("both services run as the unit's user")
                .isEqualTo("hashfence\n");
        stopServices();
        String verified = ok(asUser("hashfence-collector verify --data-dir /var/lib/hashfence"));
        assertThat(verified).contains("chain intact");

        // Upgrade: the same packages as the next version.
        ok("for p in hashfence-collector hashfence-agent; do dpkg-deb -R /debs/$p.deb /tmp/$p"
                + " && sed -i 's/^Version: .*/Version: 99.0.0/' /tmp/$p/DEBIAN/control"
                + " && dpkg-deb -b /tmp/$p /debs/$p-next.deb >/dev/null; done");
        ok("dpkg -i /debs/hashfence-collector-next.deb /debs/hashfence-agent-next.deb");
        assertThat(ok("dpkg-query -W -f='${Version}\\n' hashfence-collector hashfence-agent"))
                .isEqualTo("99.0.0\n99.0.0\n");
        assertThat(ok("md5sum /etc/hashfence/collector.yml /etc/hashfence/agent.yml /etc/hashfence/agent.env"))
                .as("the operator's configuration survives the upgrade")
                .isEqualTo(configured);
        assertThat(ok("stat -c '%U:%G %a' /var/lib/hashfence /etc/hashfence/agent.env"))
                .isEqualTo("hashfence:hashfence 700\nroot:hashfence 640\n");
        assertThat(ok(asUser("hashfence-collector verify --data-dir /var/lib/hashfence")))
                .as("the event log survives the upgrade")
                .isEqualTo(verified);
        startInBackground("hashfence-collector");
        startInBackground("hashfence-agent");
        awaitOutput(
                "the agent back at the upgraded collector with its kept token",
                "exec 3<>/dev/tcp/127.0.0.1/9464"
                        + " && printf 'GET /api/v1/rigs HTTP/1.0\\r\\nAuthorization: Bearer %s\\r\\n\\r\\n'"
                        + " \"$(cat /var/lib/hashfence/api-token)\" >&3 && cat <&3",
                "\"up\":true");
        stopServices();

        // Purge: programs, units and configuration go; the event log stays for the operator to decide.
        String purge = ok("dpkg --purge hashfence-agent hashfence-collector");
        assertThat(purge).contains("kept /var/lib/hashfence");
        assertThat(ok("for f in /usr/bin/hashfence-collector /usr/bin/hashfence-agent /usr/share/hashfence"
                        + " /lib/systemd/system/hashfence-collector.service /lib/systemd/system/hashfence-agent.service"
                        + " /etc/hashfence/collector.yml /etc/hashfence/agent.yml /etc/hashfence/agent.env;"
                        + " do [ -e $f ] && echo $f; done; true"))
                .as("left behind")
                .isEmpty();
        assertThat(ok("dpkg-query -W hashfence-collector hashfence-agent 2>&1 || true"))
                .contains("no packages found");
        assertThat(ok("ls /var/lib/hashfence")).contains("events.log");
    }

    /** The unit's command line, as its user in its working directory with its environment file. */
    private static String asTheUnit(String service) {
        String unit = "/lib/systemd/system/" + service + ".service";
        return "set -a; env=$(sed -n 's/^EnvironmentFile=-\\?//p' " + unit + "); [ -z \"$env\" ] || . \"$env\"; set +a;"
                + " cd \"$(sed -n 's/^WorkingDirectory=//p' " + unit + ")\" && exec setpriv"
                + " --reuid=\"$(sed -n 's/^User=//p' " + unit + ")\" --regid=\"$(sed -n 's/^Group=//p' " + unit + ")\""
                + " --init-groups $(sed -n 's/^ExecStart=//p' " + unit + ")";
    }

    private static String asUser(String command) {
        return "setpriv --reuid=hashfence --regid=hashfence --init-groups " + command;
    }

    private void startInBackground(String service) throws Exception {
        ok("(" + asTheUnit(service) + ") > /tmp/" + service + ".log 2>&1 < /dev/null &");
    }

    private void stopServices() throws Exception {
        ok("pkill -TERM -x java; while pgrep -x java >/dev/null; do sleep 0.2; done");
    }

    private void awaitOutput(String what, String script, String expected) throws Exception {
        try {
            Await.until(what, SETTLE, () -> {
                ExecResult result = sh(script);
                String answer = result.getStdout() + result.getStderr();
                if (result.getExitCode() != 0 || !answer.contains(expected)) {
                    throw new AssertionError("last answer: " + answer);
                }
                return true;
            });
        } catch (AssertionError timedOut) {
            throw new AssertionError(
                    timedOut.getMessage() + "\ncollector log:\n"
                            + sh("cat /tmp/hashfence-collector.log").getStdout()
                            + "\nagent log:\n"
                            + sh("cat /tmp/hashfence-agent.log 2>/dev/null").getStdout(),
                    timedOut);
        }
    }

    private String ok(String script) throws Exception {
        ExecResult result = sh(script);
        assertThat(result.getExitCode())
                .as(script + "\n" + result.getStdout() + result.getStderr())
                .isZero();
        return result.getStdout();
    }

    private ExecResult sh(String script) throws Exception {
        return host.execInContainer("bash", "-c", script);
    }

    private static Path deb(String packageName) throws IOException {
        try (Stream<Path> files = Files.list(PACKAGES)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().startsWith(packageName + "_")
                            && f.getFileName().toString().endsWith(".deb"))
                    .toList();
            assertThat(debs)
                    .as(packageName + " package in " + PACKAGES + " (mvn package builds it)")
                    .hasSize(1);
            return debs.get(0);
        }
    }
}
