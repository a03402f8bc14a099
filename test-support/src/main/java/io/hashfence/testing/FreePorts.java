package io.hashfence.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * TCP ports for programs that cannot pick their own (Mosquitto, gpsd, Prometheus, a collector restarted on
 * the same port) and for tests that need a port nothing listens on.
 */
public final class FreePorts {
    private FreePorts() {}

    /** A port free on every address at the moment of asking (and so closed until someone binds it). */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
