package io.hashfence.agent.testing;

import io.hashfence.testing.Await;
import io.hashfence.testing.ExternalBinary;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real gpsd started by {@code gpsfake} on 127.0.0.1 and a free port, fed an NMEA log from the test
 * resources in a loop. Without gpsfake and gpsd (Debian packages gpsd, gpsd-clients) the calling test is
 * skipped, unless CI=true, where it fails.
 */
public final class Gpsfake implements AutoCloseable {
    private final Process process;
    private final int port;

    private Gpsfake(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Gpsfake feeding(Path nmeaLog, Path workDir) throws IOException, InterruptedException {
        requireBinaries();
        int port = freePort();
        Process process = new ProcessBuilder("gpsfake", "-q", "-c", "0.1", "-P", String.valueOf(port), nmeaLog.toString())
                .directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("gpsfake.log").toFile()).start();
        Await.until("gpsd listens on port " + port, () -> listens(port) || !process.isAlive());
        if (!process.isAlive()) {
            fail("gpsfake exited with " + process.exitValue() + ": "
                    + Files.readString(workDir.resolve("gpsfake.log")));
        }
        return new Gpsfake(process, port);
    }

    private static boolean listens(int port) {
        try {
            new Socket(InetAddress.getLoopbackAddress(), port).close();
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    private static void requireBinaries() {
        ExternalBinary.require("gpsfake", "gpsd-clients");
        ExternalBinary.require("gpsd", "gpsd");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
