package io.hashfence.collector;

import io.hashfence.collector.config.CollectorConfig;
import io.hashfence.collector.fleet.FleetMetrics;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.http.HealthEndpoint;
import io.hashfence.collector.http.HttpServer;
import io.hashfence.collector.http.MetricsEndpoint;
import io.hashfence.collector.http.RigsEndpoint;
import io.hashfence.collector.http.Route;
import io.hashfence.collector.ingest.IngestMetrics;
import io.hashfence.collector.ingest.MqttServer;
import io.hashfence.collector.site.CredentialStore;
import io.hashfence.collector.site.SiteAuthenticator;
import io.hashfence.collector.transport.Transport;
import io.hashfence.protocol.TelemetryCodec;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running collector: the composition root that wires every feature together, and stops them in order. */
public final class Collector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    private final RigRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final MqttServer mqtt;
    private final HttpServer http;

    private Collector(CollectorConfig config, Clock clock) throws IOException, InterruptedException {
        Files.createDirectories(config.dataDir());
        CredentialStore credentials = new CredentialStore(config.dataDir());
        registry = new RigRegistry(clock, config.fleet());

        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new UptimeMetrics().bindTo(meters);
        meters.getPrometheusRegistry().register(new FleetMetrics(registry));

        Transport transport = Transport.best();
        mqtt = new MqttServer(config.mqtt(), transport, new SiteAuthenticator(credentials), registry,
                new IngestMetrics(meters), clock);
        RigsEndpoint rigs = new RigsEndpoint(registry, new TelemetryCodec(clock));
        http = new HttpServer(config.http(), transport, List.of(
                new Route(HttpMethod.GET, "/metrics", new MetricsEndpoint(meters)),
                new Route(HttpMethod.GET, "/healthz", new HealthEndpoint(registry)),
                new Route(HttpMethod.GET, "/api/v1/rigs", rigs::list),
                new Route(HttpMethod.GET, "/api/v1/rigs/{site}/{rig}", rigs::one)));

        LOG.info("MQTT listening on {}:{} ({} transport)", config.mqtt().bind(), mqttAddress().getPort(),
                transport.name());
        LOG.info("HTTP listening on http://{}:{} (/metrics, /healthz, /api/v1/rigs)", config.http().bind(),
                httpAddress().getPort());
        int sites = credentials.size();
        if (sites == 0) {
            LOG.warn("no sites in {} yet: add one with 'hashfence-collector sites add SITE --data-dir {}'",
                    credentials.file(), config.dataDir());
        } else {
            LOG.info("{} site(s) known from {}", sites, credentials.file());
        }
    }

    public static Collector start(CollectorConfig config, Clock clock) throws IOException, InterruptedException {
        return new Collector(config, clock);
    }

    public InetSocketAddress mqttAddress() {
        return mqtt.address();
    }

    public InetSocketAddress httpAddress() {
        return http.address();
    }

    public RigRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        mqtt.close();
        http.close();
        gcMetrics.close();
        LOG.info("collector stopped");
    }
}
