package io.hashfence.bench.failover;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Debian's HAProxy with the shipped template (docker/haproxy/hashfence.cfg.template) in front of the collectors. */
final class HaproxyProcess implements AutoCloseable {
    private final Process process;
    private final int mqttPort;

    private HaproxyProcess(Process process, int mqttPort) {
        this.process = process;
        this.mqttPort = mqttPort;
    }

    static HaproxyProcess start(
            Path template, Path workDir, List<CollectorNode> collectors, int mqttPort, int statsPort)
            throws IOException, InterruptedException {
        String servers = collectors.stream()
                .map(node -> "    server " + node.name() + " 127.0.0.1:" + node.mqttPort() + " port " + node.httpPort())
                .collect(Collectors.joining("\n"));
        Path config = workDir.resolve("haproxy.cfg");
        Files.writeString(
                config,
                Files.readString(template)
                        .replace("@MQTT_BIND@", "127.0.0.1:" + mqttPort)
                        .replace("@STATS_BIND@", "127.0.0.1:" + statsPort)
                        .replace("@SERVERS@", servers));
        Process process = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("haproxy.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!accepts(mqttPort)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("HAProxy did not listen; see " + workDir.resolve("haproxy.log"));
            }
            Thread.sleep(100);
        }
        return new HaproxyProcess(process, mqttPort);
    }

    /** "haproxy 2.6.12", from {@code haproxy -v}. */
    static String version() throws IOException, InterruptedException {
        return Engines.firstLine(List.of("haproxy", "-v"))
                .replaceFirst("^HAProxy version (\\S+?)(-\\S*)? .*$", "haproxy $1");
    }

    int mqttPort() {
        return mqttPort;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
