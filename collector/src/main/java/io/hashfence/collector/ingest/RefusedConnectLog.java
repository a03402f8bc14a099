package io.hashfence.collector.ingest;

import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused CONNECTs at most once every 10 seconds with a count of the ones in between, so that a
 * credential-guessing flood cannot flood the log too (the counter has every one).
 */
final class RefusedConnectLog {
    private static final Logger LOG = LoggerFactory.getLogger(RefusedConnectLog.class);
    private static final long QUIET_NANOS = 10_000_000_000L;

    private long lastLine;
    private long suppressed;

    synchronized void refused(SocketAddress from, String site) {
        long now = System.nanoTime();
        if (lastLine != 0 && now - lastLine < QUIET_NANOS) {
            suppressed++;
            return;
        }
        LOG.warn("refused CONNECT from {} for site {}: unknown site or wrong token{}", from, site,
                suppressed == 0 ? "" : " (" + suppressed + " more refused since the last line)");
        lastLine = now;
        suppressed = 0;
    }
}
