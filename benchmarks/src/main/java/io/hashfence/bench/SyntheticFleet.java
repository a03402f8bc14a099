package io.hashfence.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.protocol.Decoded;
import io.hashfence.protocol.Examples;
import io.hashfence.protocol.Telemetry;
import io.hashfence.protocol.TelemetryCodec;
import java.io.IOException;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A fleet of decoded telemetry for in-process benchmarks: the protocol's Antminer S19 example renamed site by site
 * and rig by rig, located in Texas, one rig in twenty in Irkutsk (restricted by the default policy), stamped now.
 * The same seed gives the same fleet.
 *
 * @param siteName a {@link String#format} pattern for the site number, e.g. {@code site-%04d}
 * @param rigName a {@link String#format} pattern taking the rig's number in the fleet and its number within its
 *     site, e.g. {@code rig-%06d} or {@code rig-%2$04d}
 */
public record SyntheticFleet(int sites, int rigsPerSite, String siteName, String rigName) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Hands each rig's first telemetry to {@code each}, site by site. */
    public void forEach(TelemetryCodec codec, Consumer<Telemetry> each) throws IOException {
        ObjectNode example = (ObjectNode) JSON.readTree(Examples.bytes(Examples.ANTMINER_S19));
        SplittableRandom random = new SplittableRandom(16);
        for (int site = 0; site < sites; site++) {
            for (int rig = 0; rig < rigsPerSite; rig++) {
                boolean irkutsk = random.nextInt(20) == 0;
                ObjectNode message = example.deepCopy()
                        .put("site", String.format(siteName, site))
                        .put("rig", String.format(rigName, site * rigsPerSite + rig, rig))
                        .put("seq", 1)
                        .put("time", Instant.now().toString());
                ((ObjectNode) message.get("location"))
                        .put("lat", irkutsk ? 52.29 : random.nextDouble(30.0, 35.0))
                        .put("lon", irkutsk ? 104.29 : random.nextDouble(-100.0, -95.0))
                        .put("fix_time", Instant.now().toString());
                each.accept(((Decoded.Valid<Telemetry>) codec.decode(JSON.writeValueAsBytes(message))).value());
            }
        }
    }
}
