package io.hashfence.agent.source;

import io.hashfence.protocol.Fan;
import io.hashfence.protocol.Location;
import io.hashfence.protocol.Miner;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.PowerReading;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.Temperature;
import java.util.List;

/**
 * What a source read from one rig at one moment: the rig's part of a telemetry message. The agent adds
 * site, time, sequence number and interval. Hashrate is in H/s; {@code power} and {@code location} may be null.
 */
public record RigReading(
        RigId rig,
        Miner miner,
        double hashrate,
        PowerReading power,
        List<Temperature> temperatures,
        List<Fan> fans,
        List<Pool> pools,
        Location location) {}
