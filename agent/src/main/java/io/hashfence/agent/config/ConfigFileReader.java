package io.hashfence.agent.config;

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
    private ConfigFileReader() {
    }

    static ConfigFile read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return file(YamlMapping.root(file, new Yaml(new LoaderOptions()).compose(reader)));
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (MarkedYAMLException e) {
            throw new ConfigException(file + ": " + e.getProblem()
                    + (e.getProblemMark() == null ? "" : " (line " + (e.getProblemMark().getLine() + 1) + ")"), e);
        } catch (YAMLException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ConfigFile file(YamlMapping m) {
        return m.finish(new ConfigFile(m.text("site"), m.text("token"), m.text("collector"), m.text("client_id"),
                m.text("publish_interval"), m.mapping("mqtt", ConfigFileReader::mqtt),
                m.mapping("simulate", ConfigFileReader::simulate), m.mappings("miners", ConfigFileReader::miner),
                m.mapping("discovery", ConfigFileReader::discovery), m.mapping("poll", ConfigFileReader::poll),
                m.mapping("power", ConfigFileReader::power), m.mapping("location", ConfigFileReader::location),
                m.mapping("outbox", ConfigFileReader::outbox)));
    }

    private static ConfigFile.Mqtt mqtt(YamlMapping m) {
        return m.finish(new ConfigFile.Mqtt(m.text("keep_alive"), m.text("connect_timeout"),
                m.mapping("reconnect_backoff", b -> b.finish(new ConfigFile.Backoff(b.text("min"), b.text("max")))),
                m.mapping("tls", ConfigFileReader::tls)));
    }

    private static ConfigFile.Tls tls(YamlMapping m) {
        return m.finish(new ConfigFile.Tls(m.text("ca_file"), m.text("cert_file"), m.text("key_file")));
    }

    private static ConfigFile.Simulate simulate(YamlMapping m) {
        return m.finish(new ConfigFile.Simulate(m.integer("rigs"), m.longInteger("seed"), m.decimal("restricted_share")));
    }

    private static ConfigFile.Miner miner(YamlMapping m) {
        return m.finish(new ConfigFile.Miner(m.text("host"), m.text("type"), m.integer("port"), m.text("rig"),
                m.text("access_token"), m.text("model")));
    }

    private static ConfigFile.Discovery discovery(YamlMapping m) {
        return m.finish(new ConfigFile.Discovery(m.texts("ranges"), m.text("interval")));
    }

    private static ConfigFile.Poll poll(YamlMapping m) {
        return m.finish(new ConfigFile.Poll(m.text("timeout"), m.integer("parallelism")));
    }

    private static ConfigFile.Power power(YamlMapping m) {
        return m.finish(new ConfigFile.Power(m.text("meter"), m.bool("estimate"), m.text("nvidia_smi"), m.text("ipmitool")));
    }

    private static ConfigFile.Location location(YamlMapping m) {
        return m.finish(new ConfigFile.Location(m.text("source"), m.decimal("lat"), m.decimal("lon"),
                m.decimal("accuracy_m"), m.mapping("gpsd", g -> g.finish(
                        new ConfigFile.Gpsd(g.text("host"), g.integer("port"), g.text("max_age"))))));
    }

    private static ConfigFile.Outbox outbox(YamlMapping m) {
        return m.finish(new ConfigFile.Outbox(m.text("directory"), m.text("max_size"), m.integer("replay_rate")));
    }
}
