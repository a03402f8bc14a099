package io.hashfence.collector.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every transition as a log line, so that alerts are visible even with no receiver configured. */
public final class LogSink implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger("io.hashfence.alerts");

    @Override
    public String name() {
        return "log";
    }

    @Override
    public int attempts() {
        return 1;
    }

    @Override
    public void deliver(Notification n) {
        Alert alert = n.alert();
        LOG.warn(
                "alert {} {} {} {} [{}]: {} (trust {}; {})",
                n.transition().label(),
                alert.type().alertName(),
                alert.rig(),
                alert.severity().label(),
                alert.id(),
                alert.summary(),
                alert.trust(),
                alert.evidence());
    }
}
