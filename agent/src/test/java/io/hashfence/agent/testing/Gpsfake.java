package io.hashfence.agent.testing;

import io.hashfence.testing.ExternalBinary;
import io.hashfence.testing.ExternalProcess;
import io.hashfence.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A real gpsd started by {@code gpsfake} on 127.0.0.1 and a free port, fed an NMEA log from the test
 * resources in a loop. Without gpsfake and gpsd (Debian packages gpsd, gpsd-clients) the calling test is
 * skipped, unless CI=true, where it fails.
 */
public final class Gpsfake implements AutoCloseable {
    private final ExternalProcess process;
    private final int port;

    private Gpsfake(ExternalProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Gpsfake feeding(Path nmeaLog, Path workDir) throws IOException, InterruptedException {
        requireBinaries();
        int port = FreePorts.pick();
        ExternalProcess process = ExternalProcess.start(
                List.of("gpsfake", "-q", "-n", "-c", "0.1", "-P", String.valueOf(port), nmeaLog.toString()), workDir);
        try {
            process.awaitListening(port);
        } catch (InterruptedException | RuntimeException | Error failed) {
            process.close();
            throw failed;
        }
        return new Gpsfake(process, port);
    }

    public int port() {
        return port;
    }

    private static void requireBinaries() {
        ExternalBinary.require("gpsfake", "gpsd-clients");
        ExternalBinary.require("gpsd", "gpsd");
    }

    @Override
    public void close() {
        process.close();
    }
}
