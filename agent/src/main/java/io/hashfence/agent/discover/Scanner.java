package io.hashfence.agent.discover;

import io.hashfence.agent.miner.MinerAdapters;
import io.hashfence.agent.miner.MinerEndpoint;
import io.hashfence.agent.miner.MinerException;
import io.hashfence.agent.miner.MinerKind;
import io.hashfence.agent.miner.MinerSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds miners in address ranges: each host's usual miner ports are tried concurrently with a short
 * connect timeout, and whatever accepts is asked what it is through the matching adapter. Port 8080 is
 * shared by XMRig and lolMiner; the first API that answers sensibly wins.
 */
public final class Scanner {
    /** The usual ports of each API, in the order tried per host. */
    public static final List<Probe> DEFAULT_PROBES = List.of(
            new Probe(MinerKind.CGMINER, MinerKind.CGMINER.defaultPort()),
            new Probe(MinerKind.WHATSMINER_V3, MinerKind.WHATSMINER_V3.defaultPort()),
            new Probe(MinerKind.XMRIG, MinerKind.XMRIG.defaultPort()),
            new Probe(MinerKind.LOLMINER, MinerKind.LOLMINER.defaultPort()),
            new Probe(MinerKind.TREX, MinerKind.TREX.defaultPort()),
            new Probe(MinerKind.GMINER, MinerKind.GMINER.defaultPort()),
            new Probe(MinerKind.NBMINER, MinerKind.NBMINER.defaultPort()));

    private final MinerAdapters adapters;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int parallelism;
    private final List<Probe> probes;

    /** One API to try on one port. */
    public record Probe(MinerKind kind, int port) {
        /** {@code TYPE:PORT}, e.g. {@code xmrig:18088}. */
        public static Probe parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException(
                        "invalid probe \"" + text + "\": use TYPE:PORT, such as xmrig:18088");
            }
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid probe \"" + text + "\": the port is not a number", e);
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("invalid probe \"" + text + "\": port must be within [1, 65535]");
            }
            return new Probe(MinerKind.fromConfig(text.substring(0, colon)), port);
        }
    }

    public Scanner(MinerAdapters adapters, Duration connectTimeout, Duration readTimeout, int parallelism) {
        this(adapters, connectTimeout, readTimeout, parallelism, DEFAULT_PROBES);
    }

    public Scanner(
            MinerAdapters adapters,
            Duration connectTimeout,
            Duration readTimeout,
            int parallelism,
            List<Probe> probes) {
        this.adapters = adapters;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.parallelism = parallelism;
        this.probes = List.copyOf(probes);
    }

    /** Scans every host of the ranges and answers the miners found, ordered by address. */
    public List<FoundMiner> scan(List<Cidr> ranges) throws InterruptedException {
        List<String> hosts = new ArrayList<>();
        ranges.forEach(range -> hosts.addAll(range.hosts()));
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, Math.min(parallelism, hosts.size() * probes.size())), daemonThreads());
        try {
            List<Future<FoundMiner>> answers = new ArrayList<>();
            for (String host : hosts) {
                for (Probe probe : probes) {
                    answers.add(pool.submit(() -> probe(host, probe)));
                }
            }
            List<FoundMiner> found = new ArrayList<>();
            List<String> claimed = new ArrayList<>();
            for (Future<FoundMiner> answer : answers) {
                try {
                    FoundMiner miner = answer.get();
                    if (miner != null && !claimed.contains(miner.endpoint().address())) {
                        claimed.add(miner.endpoint().address());
                        found.add(miner);
                    }
                } catch (ExecutionException e) {
                    // A probe that failed found nothing.
                }
            }
            found.sort(Comparator.comparing(
                            (FoundMiner miner) -> addressKey(miner.endpoint().host()))
                    .thenComparingInt(miner -> miner.endpoint().port()));
            return found;
        } finally {
            pool.shutdownNow();
        }
    }

    private FoundMiner probe(String host, Probe probe) {
        if (!accepts(host, probe.port())) {
            return null;
        }
        MinerEndpoint endpoint = new MinerEndpoint(
                probe.kind(),
                host,
                probe.port(),
                MinerEndpoint.defaultRig(probe.kind(), host, probe.port()),
                null,
                null);
        try {
            MinerSnapshot snapshot = adapters.forKind(probe.kind()).read(endpoint, readTimeout);
            return new FoundMiner(endpoint, snapshot.type(), snapshot.model(), snapshot.firmware());
        } catch (MinerException e) {
            return null;
        }
    }

    private boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long addressKey(String host) {
        long key = 0;
        for (String part : host.split("\\.")) {
            try {
                key = key * 256 + Integer.parseInt(part);
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE;
            }
        }
        return key;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "hashfence-scan-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
