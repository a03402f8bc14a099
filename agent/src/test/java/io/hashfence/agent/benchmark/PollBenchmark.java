package io.hashfence.agent.benchmark;

import io.hashfence.agent.location.StaticLocation;
import io.hashfence.agent.miner.MinerAdapters;
import io.hashfence.agent.miner.MinerEndpoint;
import io.hashfence.agent.miner.MinerKind;
import io.hashfence.agent.poll.MinerFleet;
import io.hashfence.agent.poll.PollSettings;
import io.hashfence.agent.power.PowerFallback;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.RigId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long one poll cycle over many miners takes: {@code PollBenchmark [miners] [parallelism] [cycles]}
 * polls that many fake Antminers on loopback (four requests each, as for a real bmminer) and prints each
 * cycle's time. Not a test: run it by hand (see docs/benchmarks/agent.md).
 */
public final class PollBenchmark {
    private PollBenchmark() {}

    public static void main(String[] args) throws Exception {
        int miners = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : PollSettings.DEFAULT_PARALLELISM;
        int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (FakeFleet fake = FakeFleet.start(miners)) {
            List<MinerEndpoint> endpoints = new ArrayList<>();
            for (int port : fake.ports()) {
                endpoints.add(
                        new MinerEndpoint(MinerKind.CGMINER, "127.0.0.1", port, RigId.of("s19-" + port), null, null));
            }
            try (MinerFleet fleet = new MinerFleet(
                    endpoints,
                    new MinerAdapters(),
                    new PollSettings(PollSettings.DEFAULT_TIMEOUT, parallelism),
                    new PowerFallback(Optional.empty(), true),
                    new StaticLocation(30.6557, -97.0017, 100, null))) {
                System.out.printf(
                        "%d fake Antminers on loopback, parallelism %d, %d cores%n",
                        miners, parallelism, Runtime.getRuntime().availableProcessors());
                for (int cycle = 1; cycle <= cycles; cycle++) {
                    AtomicInteger mining = new AtomicInteger();
                    AtomicInteger readings = new AtomicInteger();
                    long started = System.nanoTime();
                    fleet.read(Instant.now(), reading -> {
                        readings.incrementAndGet();
                        if (reading.miner().status() == MinerStatus.MINING) {
                            mining.incrementAndGet();
                        }
                    });
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    System.out.printf(
                            "cycle %d: %d readings (%d mining) in %d ms%n",
                            cycle, readings.get(), mining.get(), took.toMillis());
                }
            }
        }
    }
}
