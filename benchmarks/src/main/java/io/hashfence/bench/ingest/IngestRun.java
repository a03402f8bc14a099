package io.hashfence.bench.ingest;

/**
 * One measured window against one target at one QoS. Rates are per second over the window; latencies
 * (publish to PUBACK, QoS 1 only) in microseconds; CPU as a share of one core.
 */
record IngestRun(
        String target,
        int qos,
        int connections,
        double seconds,
        long deliveredPerSecond,
        long sentPerSecond,
        long acknowledgedPerSecond,
        long p50Micros,
        long p99Micros,
        long maxMicros,
        double targetCpuPercent,
        double harnessCpuPercent,
        long targetRssMiB,
        long refused,
        long connectionsLost) {

    boolean valid() {
        return refused == 0 && connectionsLost == 0;
    }
}
