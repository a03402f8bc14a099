package io.hashfence.agent.config;

import io.hashfence.agent.discover.Cidr;
import io.hashfence.agent.miner.MinerEndpoint;
import io.hashfence.agent.poll.PollSettings;
import io.hashfence.protocol.Durations;
import java.time.Duration;
import java.util.List;

/** The real miners of {@code run}: those listed, the ranges to discover more in and how often, and how to poll. */
public record MinerSettings(
        List<MinerEndpoint> miners, List<Cidr> discoveryRanges, Duration rediscoverInterval, PollSettings poll) {
    public static final Duration DEFAULT_REDISCOVER_INTERVAL = Duration.ofMinutes(10);

    public MinerSettings {
        miners = List.copyOf(miners);
        discoveryRanges = List.copyOf(discoveryRanges);
        if (rediscoverInterval.toSeconds() < 10) {
            throw new ConfigException(Setting.DISCOVERY_INTERVAL.path() + " must be at least 10s, got "
                    + Durations.format(rediscoverInterval));
        }
        long distinctRigs = miners.stream().map(MinerEndpoint::rig).distinct().count();
        if (distinctRigs < miners.size()) {
            throw new ConfigException(Setting.MINERS.path() + ": two miners have the same rig id; give each its own "
                    + Setting.MINER_RIG.key() + ":");
        }
    }
}
