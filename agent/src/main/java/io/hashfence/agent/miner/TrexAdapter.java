package io.hashfence.agent.miner;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.Temperature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * T-Rex's HTTP API, {@code GET /summary}: {@code hashrate} in H/s, per-GPU {@code temperature} and
 * {@code power} (W, summed as the miner's power), {@code active_pool}. Its {@code fan_speed} is a percentage,
 * not RPM, so it is not reported.
 */
public final class TrexAdapter implements MinerAdapter {
    private final HttpJson http;

    public TrexAdapter() {
        this.http = new HttpJson();
    }

    @Override
    public MinerSnapshot read(MinerEndpoint endpoint, Duration timeout) throws MinerException {
        JsonNode summary = http.get(endpoint, "/summary", Deadline.after(timeout));
        var total = Readings.number(summary, "hashrate");
        if (total.isEmpty()) {
            throw new MinerException(
                    MinerException.Problem.GARBLED, endpoint.address() + ": /summary has no hashrate number");
        }
        double hashrate = total.getAsDouble();
        GpuTotals gpus = GpuTotals.of(summary.path("gpus"), "device_id", "temperature", "power");
        JsonNode activePool = summary.path("active_pool");
        String url = Readings.text(activePool, "url");
        String user = Readings.text(activePool, "user");
        List<Pool> pools = url == null ? List.of() : List.of(new Pool(url, user == null ? "" : user, true));
        boolean paused = summary.path("paused").asBoolean(false);
        return new MinerSnapshot(
                "t-rex",
                gpus.model(),
                Readings.text(summary, "version"),
                !paused && hashrate > 0 ? MinerStatus.MINING : MinerStatus.IDLE,
                hashrate,
                gpus.power(),
                gpus.temperatures(),
                List.of(),
                pools);
    }

    /** Per-GPU temperatures and summed power from an array of GPU objects. */
    record GpuTotals(List<Temperature> temperatures, Double power, String model) {
        static GpuTotals of(JsonNode gpus, String idField, String temperatureField, String powerField) {
            List<Temperature> temperatures = new ArrayList<>();
            double power = 0;
            boolean anyPower = false;
            String model = null;
            int count = 0;
            if (gpus.isArray()) {
                for (JsonNode gpu : gpus) {
                    count++;
                    String id = gpu.path(idField).asText(String.valueOf(count - 1));
                    var celsius = Readings.number(gpu, temperatureField);
                    if (celsius.isPresent()
                            && Readings.plausibleCelsius(celsius.getAsDouble())
                            && temperatures.size() < 64) {
                        temperatures.add(new Temperature("gpu" + id, celsius.getAsDouble()));
                    }
                    var watts = Readings.number(gpu, powerField);
                    if (watts.isPresent() && watts.getAsDouble() > 0) {
                        power += watts.getAsDouble();
                        anyPower = true;
                    }
                    String name = Readings.text(gpu, "name");
                    model = model == null ? name : model;
                }
            }
            String description = model == null ? null : count + "x " + model;
            return new GpuTotals(temperatures, anyPower ? power : null, description);
        }
    }
}
