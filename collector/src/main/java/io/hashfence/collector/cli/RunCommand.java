package io.hashfence.collector.cli;

import io.hashfence.collector.Collector;
import io.hashfence.collector.Version;
import io.hashfence.collector.config.CollectorConfig;
import io.hashfence.collector.config.ConfigLoader;
import io.hashfence.collector.config.Urls;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code run}: serve until stopped. Flags override environment variables, which override the file. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the collector until stopped.")
public final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (default: built-in defaults)")
    Path config;

    @Option(names = "--mqtt-port", paramLabel = "N", description = "MQTT port; 0 picks a free one (default: 1883)")
    Integer mqttPort;

    @Option(names = "--http-port", paramLabel = "N", description = "HTTP port; 0 picks a free one (default: 9464)")
    Integer httpPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "state and credentials (default: ./data)")
    Path dataDir;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "sanctions policy (default: the shipped ofac-comprehensive + russia-belarus)")
    Path policy;

    @Option(names = "--alertmanager", paramLabel = "URL", description = "send alerts to this Alertmanager")
    String alertmanager;

    @Option(
            names = "--witness-dir",
            paramLabel = "DIR",
            description = "sign the event log's head into DIR every minute and at shutdown; put DIR on other storage")
    Path witnessDir;

    @Option(
            names = "--store-url",
            paramLabel = "URL",
            description = "share state with other collectors in this PostgreSQL database, "
                    + "jdbc:postgresql://HOST:PORT/DATABASE?user=USER (default: store.url; unset: the data directory)")
    String storeUrl;

    @Override
    public Integer call() throws Exception {
        CollectorConfig settings = new ConfigLoader(System.getenv()).load(config);
        if (mqttPort != null) {
            settings = settings.withMqttPort(mqttPort);
        }
        if (httpPort != null) {
            settings = settings.withHttpPort(httpPort);
        }
        if (dataDir != null) {
            settings = settings.withDataDir(dataDir);
        }
        if (policy != null) {
            settings = settings.withPolicyFile(policy);
        }
        if (witnessDir != null) {
            settings = settings.withWitnessDir(witnessDir);
        }
        if (alertmanager != null) {
            settings = settings.withAlertmanager(Urls.http("--alertmanager", alertmanager));
        }
        if (storeUrl != null) {
            settings = settings.withStoreUrl(storeUrl);
        }
        LOG.info(
                "hashfence-collector {} starting, data dir {}",
                Version.current(),
                settings.dataDir().toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Collector collector = Collector.start(settings, Clock.systemUTC());
        Signal.handle(new Signal("HUP"), signal -> {
            collector.reloadPolicy();
            collector.reloadSanctions();
        });
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            collector.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        stopped.await();
        return 0;
    }
}
