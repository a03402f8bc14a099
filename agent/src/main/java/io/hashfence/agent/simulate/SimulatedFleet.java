package io.hashfence.agent.simulate;

import io.hashfence.agent.source.RigReading;
import io.hashfence.agent.source.RigSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A site's share of a simulated fleet, read as a {@link RigSource}. */
public final class SimulatedFleet implements RigSource {
    private final List<SimulatedRig> rigs;

    private SimulatedFleet(List<SimulatedRig> rigs) {
        this.rigs = rigs;
    }

    public static SimulatedFleet of(List<RigSpec> specs) {
        return new SimulatedFleet(specs.stream().map(SimulatedRig::new).toList());
    }

    /** Deals the rigs round-robin onto {@code sites} fleets, so that every site gets a mix of models and places. */
    public static List<SimulatedFleet> dealt(List<RigSpec> specs, int sites) {
        return shares(specs, sites).stream().map(SimulatedFleet::of).toList();
    }

    /** The rigs dealt round-robin onto {@code sites} shares. */
    public static List<List<RigSpec>> shares(List<RigSpec> specs, int sites) {
        List<List<RigSpec>> shares = new ArrayList<>(sites);
        for (int i = 0; i < sites; i++) {
            shares.add(new ArrayList<>(specs.size() / sites + 1));
        }
        for (RigSpec spec : specs) {
            shares.get(spec.index() % sites).add(spec);
        }
        return shares;
    }

    @Override
    public int rigCount() {
        return rigs.size();
    }

    @Override
    public void read(Instant time, Consumer<RigReading> readings) {
        for (SimulatedRig rig : rigs) {
            readings.accept(rig.read(time));
        }
    }
}
