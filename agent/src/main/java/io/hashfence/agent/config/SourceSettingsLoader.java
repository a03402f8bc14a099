package io.hashfence.agent.config;

import io.hashfence.agent.discover.Cidr;
import io.hashfence.agent.miner.MinerEndpoint;
import io.hashfence.agent.miner.MinerKind;
import io.hashfence.agent.poll.PollSettings;
import io.hashfence.agent.power.MeterKind;
import io.hashfence.protocol.RigId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Resolves the miner, discovery, poll, power, location and outbox sections of the config file. */
final class SourceSettingsLoader {
    private SourceSettingsLoader() {}

    static Optional<MinerSettings> miners(ConfigFile raw) {
        List<ConfigFile.Miner> listed = raw.miners() == null ? List.of() : raw.miners();
        List<String> ranges = raw.discovery() == null || raw.discovery().ranges() == null
                ? List.of()
                : raw.discovery().ranges();
        if (listed.isEmpty() && ranges.isEmpty()) {
            if (raw.poll() != null) {
                throw new ConfigException(Setting.POLL.path() + ": is set but there are no " + Setting.MINERS.path()
                        + ": and no " + Setting.DISCOVERY_RANGES.path());
            }
            return Optional.empty();
        }
        List<MinerEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            endpoints.add(endpoint(i, listed.get(i)));
        }
        List<Cidr> cidrs = new ArrayList<>();
        for (String range : ranges) {
            try {
                cidrs.add(Cidr.parse(range));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(Setting.DISCOVERY_RANGES.path() + ": " + e.getMessage(), e);
            }
        }
        return Optional.of(new MinerSettings(
                endpoints,
                cidrs,
                ConfigLoader.duration(
                        Setting.DISCOVERY_INTERVAL,
                        raw.discovery() == null ? null : raw.discovery().interval(),
                        MinerSettings.DEFAULT_REDISCOVER_INTERVAL),
                poll(raw.poll() == null ? new ConfigFile.Poll(null, null) : raw.poll())));
    }

    private static PollSettings poll(ConfigFile.Poll poll) {
        Duration timeout = ConfigLoader.duration(Setting.POLL_TIMEOUT, poll.timeout(), PollSettings.DEFAULT_TIMEOUT);
        try {
            return new PollSettings(
                    timeout, poll.parallelism() == null ? PollSettings.DEFAULT_PARALLELISM : poll.parallelism());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Setting.POLL.path() + ": " + e.getMessage(), e);
        }
    }

    private static MinerEndpoint endpoint(int item, ConfigFile.Miner miner) {
        if (miner == null || miner.host() == null || miner.host().isBlank()) {
            throw new ConfigException(Setting.MINER_HOST.path(item) + " is required");
        }
        MinerKind kind;
        try {
            kind = miner.type() == null ? MinerKind.CGMINER : MinerKind.fromConfig(miner.type());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Setting.MINER_TYPE.path(item) + ": " + e.getMessage(), e);
        }
        int port = miner.port() == null ? kind.defaultPort() : miner.port();
        if (port < 1 || port > 65_535) {
            throw new ConfigException(Setting.MINER_PORT.path(item) + " must be within [1, 65535], got " + port);
        }
        String host = miner.host().trim();
        RigId rig;
        try {
            rig = miner.rig() == null ? MinerEndpoint.defaultRig(kind, host, port) : RigId.of(miner.rig());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Setting.MINER_RIG.path(item) + ": " + e.getMessage(), e);
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
            throw new ConfigException(Setting.POWER_METER.path() + ": " + e.getMessage(), e);
        }
        return new PowerSettings(
                meter,
                raw.estimate() == null ? defaults.estimate() : raw.estimate(),
                raw.nvidiaSmi() == null ? defaults.nvidiaSmi() : raw.nvidiaSmi(),
                raw.ipmitool() == null ? defaults.ipmitool() : raw.ipmitool());
    }

    static LocationSettings location(ConfigFile.Location raw) {
        if (raw == null) {
            return new LocationSettings.None();
        }
        String source = raw.source() == null
                ? (raw.lat() != null ? "static" : "none")
                : raw.source().toLowerCase(Locale.ROOT);
        return switch (source) {
            case "none" -> new LocationSettings.None();
            case "static" -> {
                if (raw.lat() == null || raw.lon() == null) {
                    throw new ConfigException(Setting.LOCATION.path() + ": " + Setting.LOCATION_SOURCE.key()
                            + " static needs " + Setting.LOCATION_LAT.key() + " and " + Setting.LOCATION_LON.key());
                }
                yield new LocationSettings.Static(
                        raw.lat(),
                        raw.lon(),
                        raw.accuracyM() == null ? LocationSettings.DEFAULT_ACCURACY_METRES : raw.accuracyM());
            }
            case "gpsd" -> {
                ConfigFile.Gpsd gpsd = raw.gpsd() == null ? new ConfigFile.Gpsd(null, null, null) : raw.gpsd();
                yield new LocationSettings.Gpsd(
                        gpsd.host() == null ? "localhost" : gpsd.host(),
                        gpsd.port() == null ? LocationSettings.DEFAULT_GPSD_PORT : gpsd.port(),
                        ConfigLoader.duration(Setting.GPSD_MAX_AGE, gpsd.maxAge(), LocationSettings.DEFAULT_MAX_AGE));
            }
            default ->
                throw new ConfigException(Setting.LOCATION_SOURCE.path() + ": unknown source \"" + raw.source()
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
            throw new ConfigException(Setting.OUTBOX_MAX_SIZE.path() + ": " + e.getMessage(), e);
        }
        return new OutboxSettings(
                raw.directory() == null ? OutboxSettings.DEFAULT_DIRECTORY : Path.of(raw.directory()),
                capacity,
                raw.replayRate() == null ? OutboxSettings.DEFAULT_REPLAY_PER_SECOND : raw.replayRate());
    }
}
