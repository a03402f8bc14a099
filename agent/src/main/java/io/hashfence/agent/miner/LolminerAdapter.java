package io.hashfence.agent.miner;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.Temperature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * lolMiner's HTTP API, {@code GET /summary}: each of {@code Algorithms} carries {@code Total_Performance} in
 * its {@code Performance_Unit} (scaled by {@code Performance_Factor} to H/s), its pool and user;
 * {@code Workers} carry each GPU's {@code Power} (W) and {@code Core_Temp}.
 */
public final class LolminerAdapter implements MinerAdapter {
    private final HttpJson http;

    public LolminerAdapter() {
        this.http = new HttpJson();
    }

    @Override
    public MinerSnapshot read(MinerEndpoint endpoint, Duration timeout) throws MinerException {
        JsonNode summary = http.get(endpoint, "/summary", Deadline.after(timeout));
        JsonNode algorithms = summary.path("Algorithms");
        if (!algorithms.isArray()) {
            throw new MinerException(
                    MinerException.Problem.GARBLED, endpoint.address() + ": /summary has no Algorithms");
        }
        double hashrate = 0;
        List<Pool> pools = new ArrayList<>();
        for (JsonNode algorithm : algorithms) {
            double performance = Readings.number(algorithm, "Total_Performance").orElse(0);
            double factor = Readings.number(algorithm, "Performance_Factor").orElse(unitFactor(algorithm));
            hashrate += performance * factor;
            String pool = Readings.text(algorithm, "Pool");
            if (pool != null && pools.size() < 16) {
                String user = Readings.text(algorithm, "User");
                pools.add(new Pool(pool, user == null ? "" : user, true));
            }
        }
        TrexAdapter.GpuTotals gpus = TrexAdapter.GpuTotals.of(summary.path("Workers"), "Index", "Core_Temp", "Power");
        List<Temperature> temperatures = gpus.temperatures();
        return new MinerSnapshot(
                "lolminer",
                gpus.model(),
                Readings.text(summary, "Software"),
                hashrate > 0 ? MinerStatus.MINING : MinerStatus.IDLE,
                hashrate,
                gpus.power(),
                temperatures,
                List.of(),
                pools);
    }

    /** {@code Mh/s}, {@code Gh/s}, {@code kh/s}, {@code sol/s} (one solution counts as one hash). */
    private static double unitFactor(JsonNode algorithm) {
        String unit = Readings.text(algorithm, "Performance_Unit");
        return unit == null || unit.isEmpty()
                ? 1
                : Readings.unitFactor(unit.substring(0, 1).replace("h", "").replace("s", ""));
    }
}
