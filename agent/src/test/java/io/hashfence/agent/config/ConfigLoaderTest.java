package io.hashfence.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.hashfence.agent.discover.Cidr;
import io.hashfence.agent.miner.MinerEndpoint;
import io.hashfence.agent.miner.MinerKind;
import io.hashfence.agent.poll.PollSettings;
import io.hashfence.agent.power.MeterKind;
import io.hashfence.protocol.RigId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Path EXAMPLE = Path.of("agent.example.yml");
    private static final CommandLineOverrides NO_FLAGS = new CommandLineOverrides(null, null);

    @TempDir
    Path dir;

    @Test
    void tlsSettingsAreReadAndACertificateNeedsItsKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tls.yml"), """
                site: site-a
                token: t0ken
                collector: ssl://collector.example.com:8883
                simulate:
                  rigs: 1
                mqtt:
                  tls:
                    ca_file: /etc/hashfence/ca.pem
                    cert_file: /etc/hashfence/site-a.pem
                    key_file: /etc/hashfence/site-a-key.pem
                """);
        MqttSettings mqtt = new ConfigLoader(Map.of()).load(file, NO_FLAGS).mqtt();
        assertThat(mqtt.usesTls()).isTrue();
        assertThat(mqtt.tls())
                .isEqualTo(new TlsSettings(
                        Path.of("/etc/hashfence/ca.pem"),
                        Path.of("/etc/hashfence/site-a.pem"),
                        Path.of("/etc/hashfence/site-a-key.pem")));
        Path halfTls = Files.writeString(
                dir.resolve("half.yml"),
                "site: a\ntoken: t\ncollector: ssl://h:8883\nsimulate:\n  rigs: 1\nmqtt:\n  tls:\n    cert_file: /c.pem\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(halfTls, NO_FLAGS))
                .hasMessageContaining("both cert_file and key_file");
    }

    @Test
    void exampleConfigShowsTheDefaults() {
        AgentConfig config = new ConfigLoader(Map.of("HASHFENCE_TOKEN", "secret")).load(EXAMPLE, NO_FLAGS);

        assertThat(config.credentials().site().value()).isEqualTo("site-a");
        assertThat(config.credentials().token()).isEqualTo("secret");
        assertThat(config.clientId()).startsWith("hashfence-agent-site-a-").doesNotContain(" ");
        assertThat(config.publishInterval()).isEqualTo(AgentConfig.DEFAULT_PUBLISH_INTERVAL);
        assertThat(config.mqtt()).isEqualTo(MqttSettings.defaults(MqttSettings.DEFAULT_COLLECTOR));
        assertThat(config.simulate()).isEmpty();
        MinerSettings miners = config.miners().orElseThrow();
        assertThat(miners.miners())
                .extracting(MinerEndpoint::address, endpoint -> endpoint.rig().value())
                .containsExactly(
                        tuple("192.168.1.50:4028", "rack1-s19pro-01"), tuple("192.168.1.51:4433", "192.168.1.51"));
        assertThat(miners.discoveryRanges()).containsExactly(Cidr.parse("192.168.1.0/24"));
        assertThat(miners.rediscoverInterval()).isEqualTo(MinerSettings.DEFAULT_REDISCOVER_INTERVAL);
        assertThat(miners.poll()).isEqualTo(PollSettings.defaults());
        assertThat(config.power()).isEqualTo(PowerSettings.defaults());
        assertThat(config.location()).isEqualTo(new LocationSettings.Static(30.6557, -97.0017, 100));
        assertThat(config.outbox()).isEqualTo(OutboxSettings.defaults());
    }

    @Test
    void environmentBeatsFileAndFlagsBeatBoth() throws Exception {
        Path file = write("""
                site: from-file
                token: file-token
                collector: tcp://file:1883
                publish_interval: 5s
                simulate: {rigs: 3}
                """);
        Map<String, String> environment = Map.of(
                "HASHFENCE_TOKEN", "env-token", "HASHFENCE_SITE", "from-env", "HASHFENCE_COLLECTOR", "tcp://env:1883");

        AgentConfig fromEnvironment = new ConfigLoader(environment).load(file, NO_FLAGS);
        AgentConfig fromFlags = new ConfigLoader(environment)
                .load(file, new CommandLineOverrides("tcp://flag:1883", Duration.ofMillis(500)));

        assertThat(fromEnvironment.credentials().site().value()).isEqualTo("from-env");
        assertThat(fromEnvironment.credentials().token()).isEqualTo("env-token");
        assertThat(fromEnvironment.mqtt().collector()).isEqualTo("tcp://env:1883");
        assertThat(fromEnvironment.publishInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(fromFlags.mqtt().collector()).isEqualTo("tcp://flag:1883");
        assertThat(fromFlags.publishInterval()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void readsEverySetting() throws Exception {
        Path file = write("""
                site: s1
                token: t1
                collector: tcp://127.0.0.1:8883
                client_id: rack-7
                publish_interval: 1m
                mqtt:
                  keep_alive: 0s
                  connect_timeout: 3s
                  reconnect_backoff: {min: 250ms, max: 2m}
                simulate: {rigs: 40, seed: 9, restricted_share: 0.25}
                """);

        AgentConfig config = new ConfigLoader(Map.of()).load(file, NO_FLAGS);

        assertThat(config.clientId()).isEqualTo("rack-7");
        assertThat(config.publishInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.mqtt())
                .isEqualTo(new MqttSettings(
                        "tcp://127.0.0.1:8883",
                        Duration.ZERO,
                        Duration.ofSeconds(3),
                        new ReconnectBackoff(Duration.ofMillis(250), Duration.ofMinutes(2)),
                        TlsSettings.JVM_DEFAULTS,
                        null));
        assertThat(config.simulate()).contains(new SimulationSettings(40, 9, 0.25));
    }

    @Test
    void tokenNeverShowsInToString() {
        AgentConfig config = new ConfigLoader(Map.of("HASHFENCE_TOKEN", "very-secret-token")).load(EXAMPLE, NO_FLAGS);

        assertThat(config.toString()).doesNotContain("very-secret-token").contains("token=***");
    }

    @Test
    void explainsWhatIsWrong() throws Exception {
        ConfigLoader loader = new ConfigLoader(Map.of());
        assertThatThrownBy(() -> loader.load(write("site: a\nsimulate: {}\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HASHFENCE_TOKEN");
        assertThatThrownBy(() -> loader.load(write("site: a\ntoken: t\nsimulate: {}\nintervall: 5s\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting \"intervall\"");
        assertThatThrownBy(
                        () -> loader.load(write("site: a\ntoken: t\nsimulate: {}\npublish_interval: 10\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("publish_interval");
        assertThatThrownBy(
                        () -> loader.load(write("site: a\ntoken: t\nsimulate: {}\ncollector: http://x:80\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tcp://HOST:PORT");
        assertThatThrownBy(() -> loader.load(write("site: a b\ntoken: t\nsimulate: {}\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("site id");
        assertThatThrownBy(() -> loader.load(write("site: a\ntoken: t\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("simulate");
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.yml"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void readsMinersPowerGpsdAndOutboxSettings() throws Exception {
        AgentConfig config = new ConfigLoader(Map.of()).load(write("""
                site: a
                token: t
                miners:
                  - {host: 10.0.0.5, type: xmrig, port: 18088, access_token: abc, model: Ryzen 9 7950X}
                  - {host: 10.0.0.6, type: t-rex}
                poll: {timeout: 1500ms, parallelism: 200}
                power: {meter: nvidia-smi, estimate: false, nvidia_smi: /opt/nvidia/bin/nvidia-smi}
                location: {source: gpsd, gpsd: {host: 10.0.0.2, max_age: 1m}}
                outbox: {directory: /var/lib/x, max_size: 512MiB, replay_rate: 50}
                """), NO_FLAGS);

        MinerSettings miners = config.miners().orElseThrow();
        assertThat(miners.miners())
                .containsExactly(
                        new MinerEndpoint(
                                MinerKind.XMRIG, "10.0.0.5", 18088, RigId.of("10.0.0.5-18088"), "abc", "Ryzen 9 7950X"),
                        new MinerEndpoint(MinerKind.TREX, "10.0.0.6", 4067, RigId.of("10.0.0.6"), null, null));
        assertThat(miners.poll()).isEqualTo(new PollSettings(Duration.ofMillis(1500), 200));
        assertThat(config.power())
                .isEqualTo(new PowerSettings(MeterKind.NVIDIA_SMI, false, "/opt/nvidia/bin/nvidia-smi", "ipmitool"));
        assertThat(config.location()).isEqualTo(new LocationSettings.Gpsd("10.0.0.2", 2947, Duration.ofMinutes(1)));
        assertThat(config.outbox()).isEqualTo(new OutboxSettings(Path.of("/var/lib/x"), 512L << 20, 50));
    }

    @Test
    void explainsWhatIsWrongWithMinersAndTheirNeighbours() throws Exception {
        ConfigLoader loader = new ConfigLoader(Map.of());
        assertThatThrownBy(
                        () -> loader.load(write("site: a\ntoken: t\nminers: [{host: h, type: antminer}]\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("miners[0].type: unknown miner type \"antminer\"");
        assertThatThrownBy(() -> loader.load(write("site: a\ntoken: t\nminers: [{port: 4028}]\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("miners[0].host is required");
        assertThatThrownBy(() -> loader.load(
                        write("site: a\ntoken: t\nminers: [{host: h, rig: x}, {host: i, rig: x}]\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("same rig id");
        assertThatThrownBy(() -> loader.load(write("site: a\ntoken: t\ndiscovery: {ranges: [10.0.0.0/8]}\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("discovery.ranges")
                .hasMessageContaining("/16");
        assertThatThrownBy(() -> loader.load(write("site: a\ntoken: t\nsimulate: {}\nminers: [{host: h}]\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot be combined");
        assertThatThrownBy(() ->
                        loader.load(write("site: a\ntoken: t\nsimulate: {}\noutbox: {max_size: 64MB}\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("outbox.max_size")
                .hasMessageContaining("MiB");
        assertThatThrownBy(() ->
                        loader.load(write("site: a\ntoken: t\nsimulate: {}\npower: {meter: wattmeter}\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rapl, nvidia-smi, hwmon, ipmi");
        assertThatThrownBy(() -> loader.load(
                        write("site: a\ntoken: t\nsimulate: {}\nlocation: {source: static, lat: 95, lon: 0}\n"),
                        NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lat must be in [-90, 90]");
    }

    @Test
    void namesEverySettingByItsPathInTheFile() throws Exception {
        ConfigLoader loader = new ConfigLoader(Map.of());
        assertThatThrownBy(
                        () -> loader.load(write("site: a\ntoken: t\nsimulate: {}\nmqtt:\n  keepalive: 5s\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting \"mqtt.keepalive\" (line 5); known settings of mqtt are "
                        + "[keep_alive, connect_timeout, reconnect_backoff, tls]");
        assertThatThrownBy(() ->
                        loader.load(write("site: a\ntoken: t\nminers: [{host: h}, {host: i, ports: 1}]\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting \"miners[1].ports\"")
                .hasMessageContaining("known settings of miners are [host, type, port, rig, access_token, model]");
        assertThatThrownBy(() -> loader.load(
                        write("site: a\ntoken: t\nsimulate: {}\nmqtt: {reconnect_backoff: {min: soon}}\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mqtt.reconnect_backoff.min: invalid duration");
        assertThatThrownBy(() ->
                        loader.load(write("site: a\ntoken: t\nminers: [{host: h}]\npoll: {timeout: 50ms}\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("poll: timeout must be between 100ms and 60s, got 50ms");
        assertThatThrownBy(() -> loader.load(write("site: a\ntoken: t\nminers: [{host: h, port: 0}]\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("miners[0].port must be within [1, 65535]");
        assertThatThrownBy(() -> loader.load(
                        write("site: a\ntoken: t\nsimulate: {}\nlocation: {gpsd: {port: 0}, " + "source: gpsd}\n"),
                        NO_FLAGS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("location.gpsd.port must be within");
    }

    private Path write(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "agent", ".yml");
        Files.writeString(file, yaml);
        return file;
    }
}
