package io.hashfence.agent.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Whatsminer API v3 server on 127.0.0.1: reads one length-framed (4-byte little-endian) JSON request and
 * answers with the recorded reply {@code miners/whatsminer-v3/<cmd>[.<param>]}, framed the same way.
 */
public final class FakeWhatsminerV3 implements AutoCloseable {
    private static final Pattern FIELD = Pattern.compile("\"(cmd|param)\"\\s*:\\s*\"([^\"]+)\"");

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-whatsminer-v3");
        thread.setDaemon(true);
        return thread;
    });

    private FakeWhatsminerV3(ServerSocket server) {
        this.server = server;
    }

    public static FakeWhatsminerV3 start() throws IOException {
        FakeWhatsminerV3 fake = new FakeWhatsminerV3(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        fake.threads.submit(fake::acceptForever);
        return fake;
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.submit(() -> answer(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[4];
            in.readFully(header);
            byte[] request = new byte
                    [ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt()];
            in.readFully(request);
            String cmd = null;
            String param = null;
            Matcher matcher = FIELD.matcher(new String(request, StandardCharsets.UTF_8));
            while (matcher.find()) {
                if (matcher.group(1).equals("cmd")) {
                    cmd = matcher.group(2);
                } else {
                    param = matcher.group(2);
                }
            }
            byte[] reply;
            try {
                reply = Fixtures.bytes("whatsminer-v3/" + cmd + (param == null ? "" : "." + param));
            } catch (IllegalArgumentException unknown) {
                reply = "{\"code\":-1,\"msg\":\"unknown command\"}".getBytes(StandardCharsets.UTF_8);
            }
            socket.getOutputStream()
                    .write(ByteBuffer.allocate(4)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putInt(reply.length)
                            .array());
            socket.getOutputStream().write(reply);
        } catch (IOException e) {
            // The client went away.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
