package io.hashfence.agent.simulate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One log line on what a simulated fleet contains, naming the restricted places it uses. */
public final class FleetSummary {
    private FleetSummary() {}

    public static String describe(List<RigSpec> fleet) {
        Map<MiningArea, Integer> restricted = new EnumMap<>(MiningArea.class);
        fleet.stream()
                .filter(rig -> rig.area().restricted())
                .forEach(rig -> restricted.merge(rig.area(), 1, Integer::sum));
        int restrictedRigs =
                restricted.values().stream().mapToInt(Integer::intValue).sum();
        String places = restricted.entrySet().stream()
                .map(entry ->
                        entry.getKey().displayName() + " (" + entry.getKey().jurisdiction() + ") x" + entry.getValue())
                .collect(Collectors.joining(", "));
        long areas = fleet.stream().map(RigSpec::area).distinct().count();
        return fleet.size() + " simulated rigs in " + areas + " areas; " + restrictedRigs + " in restricted places"
                + (places.isEmpty() ? "" : ": " + places);
    }
}
