package io.hashfence.agent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Recorded miner replies under {@code src/test/resources/miners/}, byte for byte (NUL terminators included). */
public final class Fixtures {
    private Fixtures() {}

    public static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/miners/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture miners/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
