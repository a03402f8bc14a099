package io.hashfence.agent.miner;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.Pool;
import java.time.Duration;
import java.util.List;

/** GMiner's HTTP API, {@code GET /stat}: per-device {@code speed} (H/s), {@code temperature}, {@code power_usage} (W); {@code server} and {@code user}. */
public final class GminerAdapter implements MinerAdapter {
    private final HttpJson http;

    public GminerAdapter() {
        this.http = new HttpJson();
    }

    @Override
    public MinerSnapshot read(MinerEndpoint endpoint, Duration timeout) throws MinerException {
        JsonNode stat = http.get(endpoint, "/stat", Deadline.after(timeout));
        JsonNode devices = stat.path("devices");
        if (!devices.isArray()) {
            throw new MinerException(MinerException.Problem.GARBLED, endpoint.address() + ": /stat has no devices");
        }
        double hashrate = 0;
        for (JsonNode device : devices) {
            hashrate += Readings.number(device, "speed").orElse(0);
        }
        TrexAdapter.GpuTotals gpus = TrexAdapter.GpuTotals.of(devices, "gpu_id", "temperature", "power_usage");
        String server = Readings.text(stat, "server");
        String user = Readings.text(stat, "user");
        return new MinerSnapshot(
                "gminer",
                gpus.model(),
                Readings.text(stat, "miner"),
                hashrate > 0 ? MinerStatus.MINING : MinerStatus.IDLE,
                hashrate,
                gpus.power(),
                gpus.temperatures(),
                List.of(),
                server == null ? List.of() : List.of(new Pool(server, user == null ? "" : user, true)));
    }
}
