package io.hashfence.bench.ingest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Debian's Mosquitto on a free loopback port, set up to relay without dropping: no persistence, no limit
 * on QoS 1 messages in flight or queued for the subscriber.
 */
final class MosquittoBroker implements AutoCloseable {
    private final ChildProcess process;
    private final InetSocketAddress address;

    private MosquittoBroker(ChildProcess process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    static MosquittoBroker start(Path workDir) throws IOException, InterruptedException {
        String binary = Stream.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")
                .filter(path -> Files.isExecutable(Path.of(path)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("mosquitto not found: apt-get install mosquitto"));
        int port = FreePort.find();
        Path config = workDir.resolve("mosquitto.conf");
        Files.writeString(config, """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                max_inflight_messages 0
                max_queued_messages 0
                set_tcp_nodelay true
                log_dest stderr
                log_type error
                log_type warning
                """.formatted(port));
        ChildProcess process =
                ChildProcess.start(List.of(binary, "-c", config.toString()), workDir.resolve("mosquitto.log"));
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        awaitListening(address, process);
        return new MosquittoBroker(process, address);
    }

    private static void awaitListening(InetSocketAddress address, ChildProcess process) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(address, 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mosquitto exited; see its log");
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + address);
    }

    InetSocketAddress address() {
        return address;
    }

    ChildProcess process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
