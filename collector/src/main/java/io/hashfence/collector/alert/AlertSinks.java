package io.hashfence.collector.alert;

import io.hashfence.collector.config.AlertConfig;
import io.hashfence.collector.json.CollectorJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where alert notifications go: the log always, and Alertmanager and a webhook when configured. */
public final class AlertSinks {
    private static final Logger LOG = LoggerFactory.getLogger(AlertSinks.class);

    private AlertSinks() {}

    /** @param httpPort the collector's HTTP port once it listens, for Alertmanager's link back to it */
    public static List<AlertSink> configured(
            AlertConfig config, IntSupplier httpPort, Clock clock, CollectorJson json) {
        List<AlertSink> sinks = new ArrayList<>(List.of(new LogSink()));
        if (config.alertmanager() != null) {
            String host = hostName();
            sinks.add(new AlertmanagerSink(
                    config.alertmanager(),
                    () -> URI.create("http://" + host + ":" + httpPort.getAsInt()),
                    config,
                    clock,
                    json));
            LOG.info("alerts go to Alertmanager at {}", config.alertmanager());
        }
        if (config.webhook() != null) {
            sinks.add(new WebhookSink(config.webhook(), config, json));
            LOG.info("alerts go to the webhook at {}", config.webhook().getHost());
        }
        return sinks;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
