package io.hashfence.collector.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.protocol.Decoded;
import io.hashfence.protocol.Telemetry;
import io.hashfence.protocol.TelemetryCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * One rig as the rig snapshot keeps it, in the snapshot file or the shared store: a JSON object with when it was
 * first and last seen, its interval, its newest telemetry as the codec encodes it (not parsed again), and in the
 * snapshot file the location history the evidence rules keep of it ({@code "history"}, base64 of {@link
 * RigHistories#saved}; absent when nothing is remembered, and in the shared store, which has a column for it).
 */
public final class RigLine {
    private static final String HISTORY = "history";

    private final TelemetryCodec codec;
    private final CollectorJson json;

    public RigLine(TelemetryCodec codec, CollectorJson json) {
        this.codec = codec;
        this.json = json;
    }

    /** Writes the rig's line, with its history unless that is null, without a line break. */
    void write(RigRecord rig, byte[] history, OutputStream out) throws IOException {
        out.write(("{\"first_seen\":\"" + rig.firstSeen() + "\",\"last_seen\":\"" + rig.lastSeen()
                        + "\",\"interval_ms\":" + rig.interval().toMillis() + ",\"latest\":")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(codec.encode(rig.latest()));
        if (history != null) {
            out.write((",\"" + HISTORY + "\":\"" + Base64.getEncoder().encodeToString(history) + "\"")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        out.write('}');
    }

    /** The rig's line as text, without its history. */
    public String of(RigRecord rig) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            write(rig, null, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The rig a line stands for, down (no connection reports it). */
    public RigRecord parse(String line) throws IOException {
        return parse(json.read(line));
    }

    RigRecord parse(JsonNode node) throws IOException {
        Decoded<Telemetry> decoded = codec.decode(json.bytes(node.path("latest")));
        if (!(decoded instanceof Decoded.Valid<Telemetry> valid)) {
            throw new IllegalArgumentException("its telemetry does not decode: " + decoded);
        }
        Telemetry latest = valid.value();
        return new RigRecord(
                new RigKey(latest.site(), latest.rig()),
                latest,
                Instant.parse(node.path("first_seen").asText()),
                Instant.parse(node.path("last_seen").asText()),
                Duration.ofMillis(node.path("interval_ms").asLong()),
                -1,
                false);
    }

    /**
     * The history a line keeps, or null when it keeps none.
     *
     * @throws IllegalArgumentException when it is not base64
     */
    static byte[] history(JsonNode line) {
        JsonNode history = line.get(HISTORY);
        return history == null ? null : Base64.getDecoder().decode(history.asText());
    }
}
