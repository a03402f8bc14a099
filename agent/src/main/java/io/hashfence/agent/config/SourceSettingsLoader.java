package io.hashfence.agent.config;

import io.hashfence.agent.discover.Cidr;
import io.hashfence.agent.miner.MinerEndpoint;
import io.hashfence.agent.miner.MinerKind;
import io.hashfence.agent.poll.PollSettings;
import io.hashfence.agent.power.MeterKind;
import io.hashfence.protocol.RigId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Resolves the miner, discovery, poll, power, location and outbox sections of the config file. */
final class SourceSettingsLoader {
    private SourceSettingsLoader() {
    }

    static Optional<MinerSettings> miners(ConfigFile raw) {
        List<ConfigFile.Miner> listed = raw.miners() == null ? List.of() : raw.miners();
        List<String> ranges = raw.discovery() == null || raw.discovery().ranges() == null ? List.of()
                : raw.discovery().ranges();
        if (listed.isEmpty() && ranges.isEmpty()) {
            if (raw.poll() != null) {
                throw new ConfigException("poll: is set but there are no miners: and no discovery: ranges");
            }
            return Optional.empty();
        }
        List<MinerEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            endpoints.add(endpoint("miners[" + i + "]", listed.get(i)));
        }
        List<Cidr> cidrs = new ArrayList<>();
        for (String range : ranges) {
            try {
                cidrs.add(Cidr.parse(range));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("discovery.ranges: " + e.getMessage(), e);
            }
        }
        ConfigFile.Poll poll = raw.poll() == null ? new ConfigFile.Poll(null, null) : raw.poll();
        return Optional.of(new MinerSettings(endpoints, cidrs,
                ConfigLoader.duration("discovery.interval", raw.discovery() == null ? null : raw.discovery().interval(),
                        MinerSettings.DEFAULT_REDISCOVER_INTERVAL),
                new PollSettings(ConfigLoader.duration("poll.timeout", poll.timeout(), PollSettings.DEFAULT_TIMEOUT),
                        poll.parallelism() == null ? PollSettings.DEFAULT_PARALLELISM : poll.parallelism())));
    }

    private static MinerEndpoint endpoint(String setting, ConfigFile.Miner miner) {
        if (miner == null || miner.host() == null || miner.host().isBlank()) {
            throw new ConfigException(setting + ".host is required");
        }
        MinerKind kind;
        try {
            kind = miner.type() == null ? MinerKind.CGMINER : MinerKind.fromConfig(miner.type());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting + ".type: " + e.getMessage(), e);
        }
        int port = miner.port() == null ? kind.defaultPort() : miner.port();
        if (port < 1 || port > 65_535) {
            throw new ConfigException(setting + ".port must be within [1, 65535], got " + port);
        }
        String host = miner.host().trim();
        RigId rig;
        try {
            rig = miner.rig() == null ? MinerEndpoint.defaultRig(kind, host, port) : RigId.of(miner.rig());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting + ".rig: " + e.getMessage(), e);
        }
        return new MinerEndpoint(kind, host, port, rig, miner.accessToken(), miner.model());
    }

    static PowerSettings power(ConfigFile.Power raw) {
        PowerSettings defaults = PowerSettings.defaults();
        if (raw == null) {
            return defaults;
        }
        MeterKind meter;
        try {
            meter = raw.meter() == null ? defaults.meter() : MeterKind.fromConfig(raw.meter());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("power.meter: " + e.getMessage(), e);
        }
        return new PowerSettings(meter, raw.estimate() == null ? defaults.estimate() : raw.estimate(),
                raw.nvidiaSmi() == null ? defaults.nvidiaSmi() : raw.nvidiaSmi(),
                raw.ipmitool() == null ? defaults.ipmitool() : raw.ipmitool());
    }

    static LocationSettings location(ConfigFile.Location raw) {
        if (raw == null) {
            return new LocationSettings.None();
        }
        String source = raw.source() == null ? (raw.lat() != null ? "static" : "none") : raw.source().toLowerCase(Locale.ROOT);
        return switch (source) {
            case "none" -> new LocationSettings.None();
            case "static" -> {
                if (raw.lat() == null || raw.lon() == null) {
                    throw new ConfigException("location: source static needs lat and lon");
                }
                yield new LocationSettings.Static(raw.lat(), raw.lon(),
                        raw.accuracyM() == null ? LocationSettings.DEFAULT_ACCURACY_METRES : raw.accuracyM());
            }
            case "gpsd" -> {
                ConfigFile.Gpsd gpsd = raw.gpsd() == null ? new ConfigFile.Gpsd(null, null, null) : raw.gpsd();
                yield new LocationSettings.Gpsd(gpsd.host() == null ? "localhost" : gpsd.host(),
                        gpsd.port() == null ? LocationSettings.DEFAULT_GPSD_PORT : gpsd.port(),
                        ConfigLoader.duration("location.gpsd.max_age", gpsd.maxAge(), LocationSettings.DEFAULT_MAX_AGE));
            }
            default -> throw new ConfigException("location.source: unknown source \"" + raw.source()
                    + "\": use none, static or gpsd");
        };
    }

    static OutboxSettings outbox(ConfigFile.Outbox raw) {
        if (raw == null) {
            return OutboxSettings.defaults();
        }
        long capacity;
        try {
            capacity = raw.maxSize() == null ? OutboxSettings.DEFAULT_CAPACITY_BYTES : ByteSizes.parse(raw.maxSize());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("outbox.max_size: " + e.getMessage(), e);
        }
        return new OutboxSettings(raw.directory() == null ? OutboxSettings.DEFAULT_DIRECTORY : Path.of(raw.directory()),
                capacity, raw.replayRate() == null ? OutboxSettings.DEFAULT_REPLAY_PER_SECOND : raw.replayRate());
    }
}
