package io.hashfence.agent.poll;

import io.hashfence.agent.location.LocationProvider;
import io.hashfence.agent.miner.MinerAdapters;
import io.hashfence.agent.miner.MinerEndpoint;
import io.hashfence.agent.miner.MinerException;
import io.hashfence.agent.miner.MinerSnapshot;
import io.hashfence.agent.power.PowerFallback;
import io.hashfence.agent.source.RigReading;
import io.hashfence.agent.source.RigSource;
import io.hashfence.protocol.Location;
import io.hashfence.protocol.Miner;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.PowerReading;
import io.hashfence.protocol.RigId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The miners of a site as a {@link RigSource}: every read polls all miners concurrently, at most
 * {@code parallelism} at a time, each within its timeout. Each miner is its own rig. A miner that does not
 * answer, or answers nonsense, is reported with status {@code unreachable} (or {@code error}) and never holds
 * up the others. Miners found by discovery join the next read.
 */
public final class MinerFleet implements RigSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MinerFleet.class);

    private final MinerAdapters adapters;
    private final PollSettings settings;
    private final PowerFallback power;
    private final LocationProvider location;
    private final ExecutorService pool;
    private final Semaphore permits;
    private final Map<String, MinerEndpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<RigId, Miner> lastIdentity = new ConcurrentHashMap<>();
    private final Map<RigId, MinerException.Problem> failing = new ConcurrentHashMap<>();
    private final LongAdder unreachablePolls = new LongAdder();
    private final LongAdder garbledPolls = new LongAdder();
    private final PoolAddresses poolAddresses = PoolAddresses.systemResolver();

    public MinerFleet(
            List<MinerEndpoint> configured,
            MinerAdapters adapters,
            PollSettings settings,
            PowerFallback power,
            LocationProvider location) {
        this.adapters = adapters;
        this.settings = settings;
        this.power = power;
        this.location = location;
        AtomicInteger threads = new AtomicInteger();
        // Idle threads are reused and a new one starts only when none is idle, so a small site keeps few
        // threads; the permits bound the polls, and so the threads, at parallelism.
        this.pool =
                new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "hashfence-poll-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.permits = new Semaphore(settings.parallelism());
        configured.forEach(this::add);
    }

    /** Adds a miner unless one is already polled at its address; answers whether it was new. */
    public boolean add(MinerEndpoint endpoint) {
        return endpoints.putIfAbsent(endpoint.address(), endpoint) == null;
    }

    public List<MinerEndpoint> endpoints() {
        return List.copyOf(endpoints.values());
    }

    @Override
    public int rigCount() {
        return Math.max(1, endpoints.size());
    }

    @Override
    public void read(Instant time, Consumer<RigReading> readings) {
        Location here = location.current().orElse(null);
        Map<MinerEndpoint, Future<RigReading>> polls = new LinkedHashMap<>();
        try {
            for (MinerEndpoint endpoint : endpoints.values()) {
                permits.acquire();
                polls.put(endpoint, pool.submit(() -> {
                    try {
                        return poll(endpoint, here);
                    } finally {
                        permits.release();
                    }
                }));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            polls.values().forEach(poll -> poll.cancel(true));
            return;
        }
        // Socket timeouts bound each poll; this wait is the backstop for a poll that hangs regardless.
        long waitNanos = settings.timeout().toNanos() * 2 * (1 + polls.size() / settings.parallelism());
        long deadline = System.nanoTime() + waitNanos;
        for (Map.Entry<MinerEndpoint, Future<RigReading>> entry : polls.entrySet()) {
            MinerEndpoint endpoint = entry.getKey();
            RigReading reading;
            try {
                reading = entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException | CancellationException e) {
                entry.getValue().cancel(true);
                reading = failed(
                        endpoint,
                        here,
                        new MinerException(
                                MinerException.Problem.UNREACHABLE,
                                endpoint.address() + ": poll did not finish in time"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                polls.values().forEach(poll -> poll.cancel(true));
                return;
            }
            readings.accept(reading);
        }
    }

    private RigReading poll(MinerEndpoint endpoint, Location here) {
        MinerSnapshot snapshot;
        try {
            snapshot = adapters.forKind(endpoint.kind()).read(endpoint, settings.timeout());
        } catch (MinerException e) {
            return failed(endpoint, here, e);
        } catch (RuntimeException e) {
            return failed(
                    endpoint,
                    here,
                    new MinerException(
                            MinerException.Problem.GARBLED, endpoint.address() + ": unexpected reply: " + e, e));
        }
        if (failing.remove(endpoint.rig()) != null) {
            log.info("{}: answering again", endpoint);
        }
        String model = snapshot.model() != null ? snapshot.model() : endpoint.model();
        Miner miner = new Miner(snapshot.type(), model, snapshot.firmware(), snapshot.status());
        lastIdentity.put(endpoint.rig(), miner);
        PowerReading powerReading =
                power.resolve(snapshot.powerWatts(), isLocal(endpoint.host()), model, snapshot.hashrate());
        return new RigReading(
                endpoint.rig(),
                miner,
                snapshot.hashrate(),
                powerReading,
                snapshot.temperatures(),
                snapshot.fans(),
                poolAddresses.withAddresses(snapshot.pools()),
                here);
    }

    private RigReading failed(MinerEndpoint endpoint, Location here, MinerException problem) {
        if (problem.problem() == MinerException.Problem.UNREACHABLE) {
            unreachablePolls.increment();
        } else {
            garbledPolls.increment();
        }
        if (failing.put(endpoint.rig(), problem.problem()) != problem.problem()) {
            log.warn(
                    "{}: {}: {}",
                    endpoint,
                    problem.problem() == MinerException.Problem.UNREACHABLE ? "unreachable" : "unreadable reply",
                    problem.getMessage());
        }
        Miner known = lastIdentity.get(endpoint.rig());
        MinerStatus status =
                problem.problem() == MinerException.Problem.UNREACHABLE ? MinerStatus.UNREACHABLE : MinerStatus.ERROR;
        Miner miner = new Miner(
                known == null ? endpoint.kind().configName() : known.type(),
                known == null ? endpoint.model() : known.model(),
                known == null ? null : known.firmware(),
                status);
        return new RigReading(endpoint.rig(), miner, 0, null, List.of(), List.of(), List.of(), here);
    }

    /** Whether the miner runs on this machine, where a local power meter measures it. */
    static boolean isLocal(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Polls that found a miner unreachable, and polls whose reply could not be read, since start. */
    public record FailureCounts(long unreachable, long garbled) {}

    public FailureCounts failures() {
        return new FailureCounts(unreachablePolls.sum(), garbledPolls.sum());
    }

    @Override
    public void close() {
        pool.shutdownNow();
        location.close();
        FailureCounts counts = failures();
        log.info(
                "miners: {} polls found a miner unreachable, {} got an unreadable reply",
                counts.unreachable(),
                counts.garbled());
    }
}
