package io.hashfence.agent.discover;

import io.hashfence.agent.miner.MinerAdapters;
import io.hashfence.agent.poll.MinerFleet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Scans the configured ranges once at start and then every interval, adding newly found miners to the fleet. */
public final class Discovery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Discovery.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    static final int PARALLELISM = 128;

    private final List<Cidr> ranges;
    private final Scanner scanner;
    private final MinerFleet fleet;
    private final ScheduledExecutorService scheduler;

    private Discovery(List<Cidr> ranges, Scanner scanner, MinerFleet fleet) {
        this.ranges = ranges;
        this.scanner = scanner;
        this.fleet = fleet;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hashfence-discovery");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Scans with the usual ports; see {@link #start(List, Duration, Scanner, MinerFleet)}. */
    public static Discovery start(List<Cidr> ranges, Duration interval, MinerAdapters adapters, MinerFleet fleet)
            throws InterruptedException {
        return start(ranges, interval, new Scanner(adapters, CONNECT_TIMEOUT, READ_TIMEOUT, PARALLELISM), fleet);
    }

    /** Runs the first scan before answering, so the first poll already covers what it found. */
    public static Discovery start(List<Cidr> ranges, Duration interval, Scanner scanner, MinerFleet fleet)
            throws InterruptedException {
        Discovery discovery = new Discovery(ranges, scanner, fleet);
        discovery.scanOnce();
        discovery.scheduler.scheduleWithFixedDelay(
                discovery::scanQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return discovery;
    }

    private void scanQuietly() {
        try {
            scanOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("discovery: scan failed: {}", e.toString());
        }
    }

    private void scanOnce() throws InterruptedException {
        List<FoundMiner> found = scanner.scan(ranges);
        int added = 0;
        for (FoundMiner miner : found) {
            if (fleet.add(miner.endpoint())) {
                added++;
                log.info(
                        "discovery: found {} {} at {}",
                        miner.type(),
                        miner.model() == null ? "" : miner.model(),
                        miner.endpoint().address());
            }
        }
        log.info(
                "discovery: scanned {}: {} miners answered, {} new; polling {} miners",
                ranges,
                found.size(),
                added,
                fleet.endpoints().size());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
