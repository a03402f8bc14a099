package io.hashfence.bench.ingest;

import java.net.InetSocketAddress;

/** What the load generator publishes to in one run: the collector, Mosquitto with a subscriber, or the sink. */
interface IngestTarget extends AutoCloseable {
    String name();

    InetSocketAddress address();

    /** The password a publisher for this site logs in with (null: none). */
    String password(String site);

    /** Messages that made it all the way through (processed, relayed, or framed) so far. */
    long delivered() throws Exception;

    /** Messages turned away so far: any at all makes the run invalid. */
    long refused() throws Exception;

    /** CPU seconds the target's own process has used, or -1 when it runs inside the harness. */
    double cpuSeconds() throws Exception;

    /** The target process's resident memory, or -1 when it runs inside the harness. */
    long rssBytes() throws Exception;
}
