package io.hashfence.agent.miner;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.Pool;
import java.time.Duration;
import java.util.List;

/** NBMiner's HTTP API, {@code GET /api/v1/status}: {@code miner.total_hashrate_raw} (H/s), per-device temperature and power, {@code stratum}. */
public final class NbminerAdapter implements MinerAdapter {
    private final HttpJson http;

    public NbminerAdapter() {
        this.http = new HttpJson();
    }

    @Override
    public MinerSnapshot read(MinerEndpoint endpoint, Duration timeout) throws MinerException {
        JsonNode status = http.get(endpoint, "/api/v1/status", Deadline.after(timeout));
        JsonNode miner = status.path("miner");
        if (!miner.isObject()) {
            throw new MinerException(
                    MinerException.Problem.GARBLED, endpoint.address() + ": /api/v1/status has no miner");
        }
        double hashrate = Readings.number(miner, "total_hashrate_raw").orElse(0);
        JsonNode devices = miner.path("devices");
        TrexAdapter.GpuTotals gpus = TrexAdapter.GpuTotals.of(devices, "id", "temperature", "power");
        var total = Readings.number(miner, "total_power_consume");
        Double power = total.isPresent() && total.getAsDouble() > 0 ? total.getAsDouble() : gpus.power();
        String model = null;
        if (devices.isArray() && !devices.isEmpty()) {
            String info = Readings.text(devices.get(0), "info");
            model = info == null ? null : devices.size() + "x " + info;
        }
        JsonNode stratum = status.path("stratum");
        String url = Readings.text(stratum, "url");
        String user = Readings.text(stratum, "user");
        return new MinerSnapshot(
                "nbminer",
                model,
                Readings.text(status, "version"),
                hashrate > 0 ? MinerStatus.MINING : MinerStatus.IDLE,
                hashrate,
                power,
                gpus.temperatures(),
                List.of(),
                url == null ? List.of() : List.of(new Pool(url, user == null ? "" : user, true)));
    }
}
