package io.hashfence.systemtest;

import io.hashfence.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile client: MQTT 3.1.1 CONNECTs with a wrong token, one new connection each, from 127.0.0.2 (so that
 * it is another source address than the agents on 127.0.0.1), as fast as the collector answers them.
 */
final class WrongTokenFlood {
    private final int port;
    private final String site;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger attempts = new AtomicInteger();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    WrongTokenFlood(int port, String site) {
        this.port = port;
        this.site = site;
    }

    void start(int connections) {
        running.set(true);
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(this::flood, "wrong-token-flood-" + i);
            thread.start();
            threads.add(thread);
        }
    }

    private void flood() {
        while (running.get()) {
            try {
                int returnCode = connectOnce(port, "127.0.0.2", "flood", site, "hf_wrong");
                if (returnCode == 0) {
                    failures.add("a wrong token was accepted");
                }
            } catch (IOException e) {
                failures.add(e.toString());
            }
            attempts.incrementAndGet();
        }
    }

    /** One MQTT 3.1.1 CONNECT from {@code source} on a new connection; the CONNACK's return code. */
    static int connectOnce(int port, String source, String clientId, String user, String password) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(connect(clientId, user, password));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] connAck = new byte[4];
            in.readFully(connAck);
            if (connAck[0] != 0x20 || connAck[1] != 2) {
                throw new IOException(
                        "not a CONNACK: " + java.util.HexFormat.of().formatHex(connAck));
            }
            return connAck[3];
        }
    }

    void awaitAttempts(int count) throws InterruptedException {
        Await.until("the flood made " + count + " attempts", () -> !failures.isEmpty() || attempts.get() >= count);
        if (!failures.isEmpty()) {
            throw new AssertionError("the flood failed: " + failures.peek());
        }
    }

    int attempts() {
        return attempts.get();
    }

    boolean isRunning() {
        return running.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static byte[] connect(String clientId, String user, String password) {
        ByteArrayOutputStream variable = new ByteArrayOutputStream();
        writeString(variable, "MQTT");
        variable.write(4);
        variable.write(0xC2);
        variable.write(0);
        variable.write(60);
        writeString(variable, clientId);
        writeString(variable, user);
        writeString(variable, password);
        byte[] body = variable.toByteArray();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(body.length);
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }
}
