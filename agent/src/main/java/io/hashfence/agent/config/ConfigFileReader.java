package io.hashfence.agent.config;

import static io.hashfence.agent.config.Setting.*;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the YAML config file into a {@link ConfigFile} from SnakeYAML's node tree, which builds no objects from
 * the file. A data-binding mapper would do the same with some 700 more classes loaded, 3 MB of the agent's
 * resident memory (docs/BENCHMARKS.md).
 */
final class ConfigFileReader {
    private ConfigFileReader() {}

    static ConfigFile read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return file(YamlMapping.root(file, new Yaml(new LoaderOptions()).compose(reader)));
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (MarkedYAMLException e) {
            throw new ConfigException(
                    file + ": " + e.getProblem()
                            + (e.getProblemMark() == null
                                    ? ""
                                    : " (line " + (e.getProblemMark().getLine() + 1) + ")"),
                    e);
        } catch (YAMLException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ConfigFile file(YamlMapping m) {
        return new ConfigFile(
                m.text(SITE),
                m.text(TOKEN),
                m.text(COLLECTOR),
                m.text(CLIENT_ID),
                m.text(PUBLISH_INTERVAL),
                m.mapping(MQTT, ConfigFileReader::mqtt),
                m.mapping(SIMULATE, ConfigFileReader::simulate),
                m.mappings(MINERS, ConfigFileReader::miner),
                m.mapping(DISCOVERY, ConfigFileReader::discovery),
                m.mapping(POLL, ConfigFileReader::poll),
                m.mapping(POWER, ConfigFileReader::power),
                m.mapping(LOCATION, ConfigFileReader::location),
                m.mapping(OUTBOX, ConfigFileReader::outbox));
    }

    private static ConfigFile.Mqtt mqtt(YamlMapping m) {
        return new ConfigFile.Mqtt(
                m.text(MQTT_KEEP_ALIVE),
                m.text(MQTT_CONNECT_TIMEOUT),
                m.mapping(
                        MQTT_RECONNECT_BACKOFF, b -> new ConfigFile.Backoff(b.text(BACKOFF_MIN), b.text(BACKOFF_MAX))),
                m.mapping(MQTT_TLS, ConfigFileReader::tls));
    }

    private static ConfigFile.Tls tls(YamlMapping m) {
        return new ConfigFile.Tls(m.text(TLS_CA_FILE), m.text(TLS_CERT_FILE), m.text(TLS_KEY_FILE));
    }

    private static ConfigFile.Simulate simulate(YamlMapping m) {
        return new ConfigFile.Simulate(
                m.integer(SIMULATE_RIGS), m.longInteger(SIMULATE_SEED), m.decimal(SIMULATE_RESTRICTED_SHARE));
    }

    private static ConfigFile.Miner miner(YamlMapping m) {
        return new ConfigFile.Miner(
                m.text(MINER_HOST),
                m.text(MINER_TYPE),
                m.integer(MINER_PORT),
                m.text(MINER_RIG),
                m.text(MINER_ACCESS_TOKEN),
                m.text(MINER_MODEL));
    }

    private static ConfigFile.Discovery discovery(YamlMapping m) {
        return new ConfigFile.Discovery(m.texts(DISCOVERY_RANGES), m.text(DISCOVERY_INTERVAL));
    }

    private static ConfigFile.Poll poll(YamlMapping m) {
        return new ConfigFile.Poll(m.text(POLL_TIMEOUT), m.integer(POLL_PARALLELISM));
    }

    private static ConfigFile.Power power(YamlMapping m) {
        return new ConfigFile.Power(
                m.text(POWER_METER), m.bool(POWER_ESTIMATE), m.text(POWER_NVIDIA_SMI), m.text(POWER_IPMITOOL));
    }

    private static ConfigFile.Location location(YamlMapping m) {
        return new ConfigFile.Location(
                m.text(LOCATION_SOURCE),
                m.decimal(LOCATION_LAT),
                m.decimal(LOCATION_LON),
                m.decimal(LOCATION_ACCURACY_M),
                m.mapping(
                        LOCATION_GPSD,
                        g -> new ConfigFile.Gpsd(g.text(GPSD_HOST), g.integer(GPSD_PORT), g.text(GPSD_MAX_AGE))));
    }

    private static ConfigFile.Outbox outbox(YamlMapping m) {
        return new ConfigFile.Outbox(m.text(OUTBOX_DIRECTORY), m.text(OUTBOX_MAX_SIZE), m.integer(OUTBOX_REPLAY_RATE));
    }
}
