package io.hashfence.agent.miner;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.Pool;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * XMRig's HTTP API, {@code GET /2/summary} with the Bearer access token if one is set. {@code hashrate.total}
 * holds the 10 s, 60 s and 15 min averages in H/s, each null until its window has filled: the shortest
 * filled one counts.
 */
public final class XmrigAdapter implements MinerAdapter {
    private final HttpJson http;

    public XmrigAdapter() {
        this.http = new HttpJson();
    }

    @Override
    public MinerSnapshot read(MinerEndpoint endpoint, Duration timeout) throws MinerException {
        JsonNode summary = http.get(endpoint, "/2/summary", Deadline.after(timeout));
        JsonNode total = summary.path("hashrate").path("total");
        if (!total.isArray()) {
            throw new MinerException(
                    MinerException.Problem.GARBLED, endpoint.address() + ": /2/summary has no hashrate.total");
        }
        double hashrate = 0;
        for (JsonNode window : total) {
            OptionalDouble value = Readings.number(window);
            if (value.isPresent()) {
                hashrate = value.getAsDouble();
                break;
            }
        }
        boolean paused = summary.path("paused").asBoolean(false);
        String pool = Readings.text(summary.path("connection"), "pool");
        String worker = Readings.text(summary, "worker_id");
        String cpu = Readings.text(summary.path("cpu"), "brand");
        return new MinerSnapshot(
                "xmrig",
                cpu,
                Readings.text(summary, "version"),
                paused ? MinerStatus.IDLE : hashrate > 0 ? MinerStatus.MINING : MinerStatus.IDLE,
                hashrate,
                null,
                List.of(),
                List.of(),
                pool == null ? List.of() : List.of(new Pool(pool, worker == null ? "" : worker, true)));
    }
}
