package io.hashfence.agent.power;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Power estimated from hashrate and the model's nameplate efficiency (J/TH), for miners that report no
 * power and have no meter. Reported with source {@code estimate}.
 */
public final class NameplateEstimate {
    /** Most specific names first: "s19jpro" must win over "s19". Keys are lower case without spaces. */
    private static final Map<String, Double> JOULES_PER_TERAHASH = new LinkedHashMap<>();

    static {
        JOULES_PER_TERAHASH.put("s21xp", 13.5);
        JOULES_PER_TERAHASH.put("s21pro", 15.0);
        JOULES_PER_TERAHASH.put("s21", 17.5);
        JOULES_PER_TERAHASH.put("s19kpro", 23.0);
        JOULES_PER_TERAHASH.put("s19xp", 21.5);
        JOULES_PER_TERAHASH.put("s19jpro", 30.5);
        JOULES_PER_TERAHASH.put("s19pro", 29.5);
        JOULES_PER_TERAHASH.put("s19j", 34.5);
        JOULES_PER_TERAHASH.put("s19", 34.5);
        JOULES_PER_TERAHASH.put("s17", 45.0);
        JOULES_PER_TERAHASH.put("t21", 19.0);
        JOULES_PER_TERAHASH.put("m66s", 18.5);
        JOULES_PER_TERAHASH.put("m60s", 18.5);
        JOULES_PER_TERAHASH.put("m60", 19.9);
        JOULES_PER_TERAHASH.put("m56s", 22.0);
        JOULES_PER_TERAHASH.put("m50s", 26.0);
        JOULES_PER_TERAHASH.put("m50", 28.0);
        JOULES_PER_TERAHASH.put("m30s++", 31.0);
        JOULES_PER_TERAHASH.put("m30s+", 34.0);
        JOULES_PER_TERAHASH.put("m30s", 38.0);
        JOULES_PER_TERAHASH.put("a1466", 21.5);
        JOULES_PER_TERAHASH.put("a1366", 25.0);
        JOULES_PER_TERAHASH.put("a1346", 30.0);
        JOULES_PER_TERAHASH.put("1246", 38.0);
    }

    private NameplateEstimate() {}

    /** Watts for {@code hashrate} H/s on {@code model}, or empty when the model is unknown. */
    public static OptionalDouble watts(String model, double hashrate) {
        OptionalDouble efficiency = joulesPerTerahash(model);
        if (efficiency.isEmpty() || !(hashrate > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(efficiency.getAsDouble() * hashrate / 1e12);
    }

    public static OptionalDouble joulesPerTerahash(String model) {
        if (model == null) {
            return OptionalDouble.empty();
        }
        String key = model.toLowerCase(Locale.ROOT).replace(" ", "");
        for (Map.Entry<String, Double> entry : JOULES_PER_TERAHASH.entrySet()) {
            if (key.contains(entry.getKey())) {
                return OptionalDouble.of(entry.getValue());
            }
        }
        return OptionalDouble.empty();
    }
}
