package io.hashfence.agent.simulate;

import io.hashfence.agent.source.RigReading;
import io.hashfence.protocol.Fan;
import io.hashfence.protocol.Location;
import io.hashfence.protocol.LocationSource;
import io.hashfence.protocol.Miner;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.PowerReading;
import io.hashfence.protocol.Temperature;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One simulated rig's behaviour over time: mostly mining with a few percent of hashrate noise, and on rare
 * ticks falling idle or into an error for a while. Not thread-safe; its fleet reads it from one thread.
 */
final class SimulatedRig {
    private static final double IDLE_CHANCE = 0.001;
    private static final double ERROR_CHANCE = 0.0005;
    private static final double RECOVERY_CHANCE = 0.2;
    private static final double HASHRATE_NOISE = 0.02;
    private static final double POWER_NOISE = 0.005;
    private static final double STANDBY_POWER_SHARE = 0.05;
    private static final double METRES_PER_DEGREE = 111_320;

    private final RigSpec spec;
    private final SplittableRandom noise;
    private final Map<MinerStatus, Miner> minerByStatus = new EnumMap<>(MinerStatus.class);
    private final Location staticLocation;
    private MinerStatus status = MinerStatus.MINING;
    private boolean teleported;

    SimulatedRig(RigSpec spec) {
        this.spec = spec;
        this.noise = new SplittableRandom(spec.noiseSeed());
        MinerModel model = spec.model();
        for (MinerStatus each : MinerStatus.values()) {
            minerByStatus.put(each, new Miner(model.minerType(), model.displayName(), model.firmware(), each));
        }
        this.staticLocation = spec.locationSource() == LocationSource.STATIC
                ? new Location(spec.lat(), spec.lon(), LocationSource.STATIC, spec.accuracyMetres(), null, false)
                : null;
    }

    RigReading read(Instant time) {
        status = nextStatus();
        boolean mining = status == MinerStatus.MINING;
        MinerModel model = spec.model();
        double hashrate = mining ? model.hashrate() * spec.hashrateFactor() * (1 + HASHRATE_NOISE * gaussian()) : 0;
        double load = mining ? spec.powerFactor() * (1 + POWER_NOISE * gaussian()) : STANDBY_POWER_SHARE;
        PowerReading power = new PowerReading(round1(model.watts() * load), model.powerSource());
        return new RigReading(
                spec.id(),
                minerByStatus.get(status),
                hashrate,
                power,
                temperatures(mining),
                fans(mining),
                spec.pools(),
                location(time));
    }

    private MinerStatus nextStatus() {
        double roll = noise.nextDouble();
        if (status != MinerStatus.MINING) {
            return roll < RECOVERY_CHANCE ? MinerStatus.MINING : status;
        }
        if (roll < ERROR_CHANCE) {
            return MinerStatus.ERROR;
        }
        return roll < ERROR_CHANCE + IDLE_CHANCE ? MinerStatus.IDLE : MinerStatus.MINING;
    }

    /** Immutable lists, so that {@link io.hashfence.protocol.Telemetry} takes them without copying. */
    private List<Temperature> temperatures(boolean mining) {
        List<String> sensors = spec.model().temperatureSensors();
        Temperature[] temperatures = new Temperature[sensors.size()];
        double base = baseCelsius() + spec.temperatureOffset();
        for (int i = 0; i < temperatures.length; i++) {
            String sensor = sensors.get(i);
            double running = sensor.endsWith(".pcb") ? base - 12 : base;
            double celsius = mining ? running + 1.5 * gaussian() : 30 + 2 * gaussian();
            temperatures[i] = new Temperature(sensor, round1(celsius));
        }
        return List.of(temperatures);
    }

    private double baseCelsius() {
        return switch (spec.model().kind()) {
            case ASIC -> 72;
            case GPU -> 62;
            case CPU -> 78;
        };
    }

    private List<Fan> fans(boolean mining) {
        List<String> names = spec.model().fanNames();
        Fan[] fans = new Fan[names.size()];
        double rpm = spec.model().fanRpm() * (mining ? 1 : 0.4);
        for (int i = 0; i < fans.length; i++) {
            fans[i] = new Fan(names.get(i), Math.round(rpm * (1 + 0.03 * gaussian())));
        }
        return List.of(fans);
    }

    /**
     * Static locations never change; a GPS fix wanders within its accuracy and is as fresh as the reading. A
     * teleporting rig claims its origin's centre in its first reading.
     */
    private Location location(Instant time) {
        if (spec.teleportFrom() != null && !teleported) {
            teleported = true;
            MiningArea origin = spec.teleportFrom();
            return new Location(
                    origin.lat(),
                    origin.lon(),
                    spec.locationSource(),
                    spec.accuracyMetres(),
                    spec.locationSource() == LocationSource.GPS ? time : null,
                    false);
        }
        if (staticLocation != null) {
            return staticLocation;
        }
        double wander = spec.accuracyMetres() / 2 / METRES_PER_DEGREE;
        double lat = spec.lat() + wander * gaussian();
        double lon = spec.lon() + wander * gaussian() / Math.cos(Math.toRadians(spec.lat()));
        return new Location(lat, lon, LocationSource.GPS, spec.accuracyMetres(), time, false);
    }

    /** Standard normal noise, clipped to three sigma so that no reading leaves the model's plausible range. */
    private double gaussian() {
        double value = noise.nextGaussian();
        return Math.max(-3, Math.min(3, value));
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
