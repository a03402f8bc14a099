package io.hashfence.agent.run;

import io.hashfence.agent.config.AgentConfig;
import io.hashfence.agent.config.LocationSettings;
import io.hashfence.agent.config.MinerSettings;
import io.hashfence.agent.config.PowerSettings;
import io.hashfence.agent.discover.Discovery;
import io.hashfence.agent.location.GpsdLocation;
import io.hashfence.agent.location.LocationProvider;
import io.hashfence.agent.location.StaticLocation;
import io.hashfence.agent.miner.MinerAdapters;
import io.hashfence.agent.poll.MinerFleet;
import io.hashfence.agent.power.HwmonMeter;
import io.hashfence.agent.power.IpmiMeter;
import io.hashfence.agent.power.NvidiaSmiMeter;
import io.hashfence.agent.power.PowerFallback;
import io.hashfence.agent.power.PowerMeter;
import io.hashfence.agent.power.RaplMeter;
import io.hashfence.agent.simulate.FleetGenerator;
import io.hashfence.agent.simulate.FleetSummary;
import io.hashfence.agent.simulate.RigSpec;
import io.hashfence.agent.simulate.SimulatedFleet;
import io.hashfence.agent.source.RigSource;
import io.hashfence.protocol.Durations;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the rig source a config describes (simulated fleet or real miners with power and location) and owns its resources. */
public final class RigSources implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RigSources.class);

    private final RigSource source;
    private final List<AutoCloseable> resources;

    private RigSources(RigSource source, List<AutoCloseable> resources) {
        this.source = source;
        this.resources = resources;
    }

    public RigSource source() {
        return source;
    }

    public static RigSources open(AgentConfig config, Clock clock) throws InterruptedException {
        if (config.simulate().isPresent()) {
            List<RigSpec> fleet = FleetGenerator.generate(config.simulate().get());
            log.info("{}", FleetSummary.describe(fleet));
            return new RigSources(SimulatedFleet.of(fleet), List.of());
        }
        MinerSettings miners = config.miners().orElseThrow();
        MinerAdapters adapters = new MinerAdapters();
        MinerFleet fleet = new MinerFleet(
                miners.miners(),
                adapters,
                miners.poll(),
                new PowerFallback(meter(config.power()), config.power().estimate()),
                location(config.location(), clock));
        if (miners.discoveryRanges().isEmpty()) {
            log.info("polling {} miners every {}", miners.miners().size(), Durations.format(config.publishInterval()));
            return new RigSources(fleet, List.of(fleet));
        }
        Discovery discovery = Discovery.start(miners.discoveryRanges(), miners.rediscoverInterval(), adapters, fleet);
        return new RigSources(fleet, List.of(discovery, fleet));
    }

    public static Optional<PowerMeter> meter(PowerSettings power) {
        return switch (power.meter()) {
            case NONE -> Optional.empty();
            case RAPL -> Optional.of(RaplMeter.system());
            case NVIDIA_SMI -> Optional.of(new NvidiaSmiMeter(power.nvidiaSmi()));
            case HWMON -> Optional.of(HwmonMeter.system());
            case IPMI -> Optional.of(new IpmiMeter(power.ipmitool()));
        };
    }

    public static LocationProvider location(LocationSettings settings, Clock clock) {
        if (settings instanceof LocationSettings.Static declared) {
            return new StaticLocation(declared.lat(), declared.lon(), declared.accuracyMetres(), null);
        }
        if (settings instanceof LocationSettings.Gpsd gpsd) {
            return GpsdLocation.start(gpsd.host(), gpsd.port(), gpsd.maxAge(), clock);
        }
        return new NoLocation();
    }

    /** No position configured: none is reported. */
    private static final class NoLocation implements LocationProvider {
        @Override
        public Optional<io.hashfence.protocol.Location> current() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "no location configured";
        }
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.debug("closing {}: {}", resource, e.toString());
            }
        }
    }
}
