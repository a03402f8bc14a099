package io.hashfence.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void exampleConfigShowsTheDefaults() {
        AgentConfig config = new ConfigLoader(Map.of("HASHFENCE_TOKEN", "secret"))
                .load(EXAMPLE, NO_FLAGS);

        assertThat(config.credentials().site().value()).isEqualTo("site-a");
        assertThat(config.credentials().token()).isEqualTo("secret");
        assertThat(config.clientId()).isEqualTo("hashfence-agent-site-a");
        assertThat(config.publishInterval()).isEqualTo(AgentConfig.DEFAULT_PUBLISH_INTERVAL);
        assertThat(config.mqtt()).isEqualTo(MqttSettings.defaults(MqttSettings.DEFAULT_COLLECTOR));
        assertThat(config.simulate()).isEqualTo(new SimulationSettings(SimulationSettings.DEFAULT_RIGS,
                SimulationSettings.DEFAULT_SEED, SimulationSettings.DEFAULT_RESTRICTED_SHARE));
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
        Map<String, String> environment = Map.of("HASHFENCE_TOKEN", "env-token", "HASHFENCE_SITE", "from-env",
                "HASHFENCE_COLLECTOR", "tcp://env:1883");

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
        assertThat(config.mqtt()).isEqualTo(new MqttSettings("tcp://127.0.0.1:8883", Duration.ZERO,
                Duration.ofSeconds(3), new ReconnectBackoff(Duration.ofMillis(250), Duration.ofMinutes(2))));
        assertThat(config.simulate()).isEqualTo(new SimulationSettings(40, 9, 0.25));
    }

    @Test
    void tokenNeverShowsInToString() {
        AgentConfig config = new ConfigLoader(Map.of("HASHFENCE_TOKEN", "very-secret-token"))
                .load(EXAMPLE, NO_FLAGS);

        assertThat(config.toString()).doesNotContain("very-secret-token").contains("token=***");
    }

    @Test
    void explainsWhatIsWrong() throws Exception {
        ConfigLoader loader = new ConfigLoader(Map.of());
        assertThatThrownBy(() -> loader.load(write("site: a\nsimulate: {}\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HASHFENCE_TOKEN");
        assertThatThrownBy(() -> loader.load(write("site: a\ntoken: t\nsimulate: {}\nintervall: 5s\n"),
                NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting \"intervall\"");
        assertThatThrownBy(() -> loader.load(write("site: a\ntoken: t\nsimulate: {}\npublish_interval: 10\n"),
                NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("publish_interval");
        assertThatThrownBy(() -> loader.load(write("site: a\ntoken: t\nsimulate: {}\ncollector: http://x:80\n"),
                NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tcp://HOST:PORT");
        assertThatThrownBy(() -> loader.load(write("site: a b\ntoken: t\nsimulate: {}\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("site id");
        assertThatThrownBy(() -> loader.load(write("site: a\ntoken: t\n"), NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("simulate");
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.yml"), NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    private Path write(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "agent", ".yml");
        Files.writeString(file, yaml);
        return file;
    }
}
