package io.hashfence.agent.simulate;

import io.hashfence.agent.config.SimulationSettings;
import io.hashfence.protocol.LocationSource;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.RigId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * Builds a simulated fleet from a seed: the same settings always give the same rigs, ids, models and
 * places. Exactly {@code ceil(restrictedShare * rigs)} rigs are placed in restricted jurisdictions, the
 * lowest-numbered of them in Irkutsk Oblast.
 */
public final class FleetGenerator {
    private static final double KM_PER_DEGREE = 111.32;
    private static final double GPS_SHARE = 0.3;
    private static final double STATIC_ACCURACY_METRES = 100;
    private static final List<MinerModel> MODELS = List.of(MinerModel.values());
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private FleetGenerator() {}

    public static List<RigSpec> generate(SimulationSettings settings) {
        SplittableRandom random = new SplittableRandom(settings.seed());
        BitSet restricted = chooseRestricted(settings, random.split());
        List<RigSpec> rigs = new ArrayList<>(settings.rigs());
        int restrictedSoFar = 0;
        for (int index = 0; index < settings.rigs(); index++) {
            SplittableRandom rigRandom = random.split();
            MiningArea area = restricted.get(index)
                    ? MiningArea.RESTRICTED_ROTATION.get(restrictedSoFar++ % MiningArea.RESTRICTED_ROTATION.size())
                    : weightedArea(rigRandom);
            rigs.add(rig(index, weightedModel(rigRandom), area, rigRandom));
        }
        return List.copyOf(rigs);
    }

    /** How many rigs a fleet of {@code rigs} places in restricted jurisdictions: at least the share, rounded up. */
    public static int restrictedCount(int rigs, double share) {
        return (int) Math.min(rigs, Math.ceil(share * rigs - 1e-9));
    }

    private static BitSet chooseRestricted(SimulationSettings settings, SplittableRandom random) {
        int count = restrictedCount(settings.rigs(), settings.restrictedShare());
        int[] indexes = new int[settings.rigs()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = i;
        }
        BitSet chosen = new BitSet(settings.rigs());
        for (int i = 0; i < count; i++) {
            int pick = i + random.nextInt(indexes.length - i);
            int swapped = indexes[i];
            indexes[i] = indexes[pick];
            indexes[pick] = swapped;
            chosen.set(indexes[i]);
        }
        return chosen;
    }

    private static RigSpec rig(int index, MinerModel model, MiningArea area, SplittableRandom random) {
        RigId id = RigId.of(String.format("%s-%04d", model.slug(), index + 1));
        double[] position = positionIn(area, random);
        double lat = position[0];
        double lon = position[1];
        boolean gps = model.kind() != HardwareKind.ASIC && random.nextDouble() < GPS_SHARE;
        return new RigSpec(
                index,
                id,
                model,
                area,
                lat,
                lon,
                gps ? LocationSource.GPS : LocationSource.STATIC,
                gps ? random.nextDouble(2.5, 15) : STATIC_ACCURACY_METRES,
                pools(model, area, id, random),
                random.nextDouble(0.96, 1.03),
                random.nextDouble(0.97, 1.04),
                random.nextDouble(-4, 4),
                random.nextLong(),
                null);
    }

    /** A position drawn uniformly within the area's radius of its centre, as {lat, lon}. */
    static double[] positionIn(MiningArea area, SplittableRandom random) {
        double distanceKm = area.radiusKm() * Math.sqrt(random.nextDouble());
        double bearing = random.nextDouble(2 * Math.PI);
        return new double[] {
            area.lat() + distanceKm * Math.cos(bearing) / KM_PER_DEGREE,
            area.lon() + distanceKm * Math.sin(bearing) / (KM_PER_DEGREE * Math.cos(Math.toRadians(area.lat())))
        };
    }

    /** Two or three pools of the rig's algorithm, the first active; ASICs log in as {@code account.worker}, XMRig with a wallet. */
    private static List<Pool> pools(MinerModel model, MiningArea area, RigId id, SplittableRandom random) {
        List<String> urls = model.algorithm().poolUrls();
        int first = random.nextInt(urls.size());
        int count = Math.min(urls.size(), model.kind() == HardwareKind.ASIC ? 3 : 2);
        String user = model.algorithm() == Algorithm.RANDOMX
                ? moneroAddress(random)
                : "hf" + area.slug() + "." + id.value().replace("-", "");
        List<Pool> pools = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pools.add(new Pool(urls.get((first + i) % urls.size()), user, i == 0));
        }
        return List.copyOf(pools);
    }

    /** A syntactically plausible (not checksummed) Monero primary address: 95 base58 characters starting with 4. */
    private static String moneroAddress(SplittableRandom random) {
        StringBuilder address = new StringBuilder(95).append('4');
        address.append("123456789AB".charAt(random.nextInt(11)));
        while (address.length() < 95) {
            address.append(BASE58.charAt(random.nextInt(BASE58.length())));
        }
        return address.toString();
    }

    private static MinerModel weightedModel(SplittableRandom random) {
        return pickWeighted(MODELS, MinerModel::weight, random);
    }

    private static MiningArea weightedArea(SplittableRandom random) {
        return pickWeighted(MiningArea.UNRESTRICTED, MiningArea::weight, random);
    }

    private static <T> T pickWeighted(List<T> choices, ToIntFunction<T> weight, SplittableRandom random) {
        int pick = random.nextInt(choices.stream().mapToInt(weight).sum());
        for (T choice : choices) {
            pick -= weight.applyAsInt(choice);
            if (pick < 0) {
                return choice;
            }
        }
        throw new AssertionError("weights exhausted");
    }
}
