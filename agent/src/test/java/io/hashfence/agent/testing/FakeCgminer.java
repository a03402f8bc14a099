package io.hashfence.agent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cgminer-style API server on 127.0.0.1 and a free port that answers each command with a recorded reply
 * of a miner family ({@code miners/<family>/<command>}), exactly as the firmware does: one request per
 * connection, read with a single receive, the reply written as recorded and the connection closed.
 * Unknown commands get cgminer's "Invalid command" error. Requests are counted per command.
 */
public final class FakeCgminer implements AutoCloseable {
    private static final Pattern JSON_COMMAND = Pattern.compile("\"(?:command|cmd)\"\\s*:\\s*\"([^\"]+)\"");
    private static final String INVALID =
            "{\"STATUS\":[{\"STATUS\":\"E\",\"When\":0,\"Code\":14,\"Msg\":\"Invalid command\","
                    + "\"Description\":\"cgminer\"}],\"id\":1}\u0000";

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-cgminer");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, byte[]> replies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile boolean silent;

    private FakeCgminer(ServerSocket server) {
        this.server = server;
    }

    /** A server answering with the recorded replies of {@code family} for {@code commands}. */
    public static FakeCgminer serving(String family, String... commands) throws IOException {
        FakeCgminer fake = new FakeCgminer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        for (String command : commands) {
            fake.replies.put(command, Fixtures.bytes(family + "/" + command));
        }
        fake.connections.submit(fake::acceptForever);
        return fake;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Replaces one command's reply, e.g. with garbage. */
    public void reply(String command, byte[] reply) {
        replies.put(command, reply);
    }

    /** From now on, accept connections but never answer. */
    public void goSilent() {
        silent = true;
    }

    public int requests(String command) {
        AtomicInteger count = requests.get(command);
        return count == null ? 0 : count.get();
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.submit(() -> answer(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int read = in.read(buffer);
            if (read <= 0) {
                return;
            }
            String request = new String(buffer, 0, read, StandardCharsets.US_ASCII).trim();
            Matcher json = JSON_COMMAND.matcher(request);
            String command =
                    json.find() ? json.group(1) : request.replace("|", "").trim();
            requests.computeIfAbsent(command, key -> new AtomicInteger()).incrementAndGet();
            if (silent) {
                // A silent miner holds the connection and never answers: the behaviour under test, not a wait.
                Thread.sleep(60_000);
                return;
            }
            byte[] reply = replies.getOrDefault(command, INVALID.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(reply);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
