package io.hashfence.collector;

import io.hashfence.collector.config.CollectorConfig;
import io.hashfence.collector.site.SiteCredentials;
import io.hashfence.collector.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lines that tell an operator, once the collector runs, where it listens, what needs the API token and
 * which sites it knows. Scripts and tests read the ports from the "listening on" lines.
 */
final class StartupLog {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    private StartupLog() {}

    static void listeners(
            CollectorConfig config,
            Transport transport,
            InetSocketAddress mqtt,
            InetSocketAddress mqttTls,
            InetSocketAddress http) {
        if (mqtt != null) {
            LOG.info(
                    "MQTT listening on {}:{} ({} transport{}; plain text, as configured)",
                    config.mqtt().bind(),
                    mqtt.getPort(),
                    transport.name(),
                    config.mqtt().proxyProtocol() ? ", PROXY protocol required" : "");
        }
        if (mqttTls != null) {
            LOG.info(
                    "MQTT over TLS listening on {}:{} ({} transport)",
                    config.mqtt().bind(),
                    mqttTls.getPort(),
                    transport.name());
        }
        LOG.info(
                "HTTP listening on {}://{}:{} (/metrics, /healthz, /api/v1/rigs, /api/v1/alerts, /api/v1/locate, "
                        + "/api/v1/report)",
                config.http().https() ? "https" : "http",
                config.http().bind(),
                http.getPort());
    }

    static void apiToken(boolean readsNeedToken, Path tokenFile) {
        String needToken = readsNeedToken
                ? "the API (rigs, alerts, acknowledgement, clearing a spoofing suspicion, report)"
                : "alert acknowledgement, clearing a spoofing suspicion and reports (http.open_read_endpoints: rigs "
                        + "and alerts are open)";
        LOG.info("{} need the bearer token in {}", needToken, tokenFile);
    }

    /** @param where the {@code sites add} option that names where the credentials are */
    static void sites(SiteCredentials credentials, String where) {
        int sites = credentials.size();
        if (sites == 0) {
            LOG.warn(
                    "no sites in {} yet: add one with 'hashfence-collector sites add SITE {}'",
                    credentials.location(),
                    where);
        } else {
            LOG.info("{} site(s) known from {}", sites, credentials.location());
        }
    }
}
