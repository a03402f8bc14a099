package io.hashfence.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The example messages of protocol/README.md, shipped so that agent and collector tests use the same bytes. */
public final class Examples {
    public static final String ANTMINER_S19 = "telemetry-antminer-s19.json";
    public static final String XMRIG_IRKUTSK = "telemetry-xmrig-irkutsk.json";
    public static final String MINIMAL = "telemetry-minimal.json";
    public static final String STATUS_ONLINE = "status-online.json";
    public static final String STATUS_OFFLINE_WILL = "status-offline-will.json";

    public static final List<String> TELEMETRY = List.of(ANTMINER_S19, XMRIG_IRKUTSK, MINIMAL);

    private Examples() {}

    public static byte[] bytes(String name) {
        try (InputStream in = Examples.class.getResourceAsStream("examples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no example named " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
