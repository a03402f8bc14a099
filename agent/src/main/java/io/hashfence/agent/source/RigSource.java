package io.hashfence.agent.source;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Where a site agent's rigs come from: the simulator today, miner APIs (cgminer-style, Whatsminer, HTTP)
 * and local GPU/CPU miners later. The agent calls {@link #read} once per publish interval, never
 * concurrently, and publishes each reading as one telemetry message.
 */
public interface RigSource {

    /** How many rigs one {@link #read} reports; sizes the agent's buffers. */
    int rigCount();

    /** Reads every rig once and hands each reading to {@code readings}; {@code time} is the moment of the read. */
    void read(Instant time, Consumer<RigReading> readings);
}
