package io.hashfence.agent.benchmark;

import io.hashfence.agent.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many fake Antminers (stock bmminer replies) on loopback, one port each, served by a single selector
 * thread: the load of the poll and footprint benchmarks. {@code main(count, portsFile)} runs until killed
 * and writes the ports it listens on, one a line, to {@code portsFile}.
 */
public final class FakeFleet implements AutoCloseable {
    private static final Pattern COMMAND = Pattern.compile("\"command\"\\s*:\\s*\"([^\"]+)\"");
    private static final List<String> COMMANDS = List.of("version", "summary", "pools", "stats");

    private final Selector selector;
    private final List<ServerSocketChannel> servers = new ArrayList<>();
    private final Map<String, byte[]> replies = new HashMap<>();
    private final Thread loop;
    private volatile boolean closed;

    private FakeFleet(int count) throws IOException {
        selector = Selector.open();
        for (String command : COMMANDS) {
            replies.put(command, Fixtures.bytes("bmminer/" + command));
        }
        for (int i = 0; i < count; i++) {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            servers.add(server);
        }
        loop = new Thread(this::serve, "fake-fleet");
        loop.setDaemon(true);
        loop.start();
    }

    public static FakeFleet start(int count) throws IOException {
        return new FakeFleet(count);
    }

    public List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        for (ServerSocketChannel server : servers) {
            try {
                ports.add(((InetSocketAddress) server.getLocalAddress()).getPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ports;
    }

    private void serve() {
        ByteBuffer request = ByteBuffer.allocate(4096);
        while (!closed) {
            try {
                selector.select(500);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isAcceptable()) {
                        SocketChannel client = ((ServerSocketChannel) key.channel()).accept();
                        if (client != null) {
                            client.configureBlocking(false);
                            client.register(selector, SelectionKey.OP_READ);
                        }
                    } else if (key.isReadable()) {
                        answer((SocketChannel) key.channel(), request);
                        key.cancel();
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    System.err.println("fake fleet: " + e);
                }
            }
        }
    }

    private void answer(SocketChannel client, ByteBuffer request) throws IOException {
        try (client) {
            request.clear();
            if (client.read(request) <= 0) {
                return;
            }
            Matcher matcher =
                    COMMAND.matcher(new String(request.array(), 0, request.position(), StandardCharsets.US_ASCII));
            byte[] reply = matcher.find() ? replies.get(matcher.group(1)) : null;
            if (reply == null) {
                reply = "{\"STATUS\":[{\"STATUS\":\"E\",\"Msg\":\"Invalid command\"}],\"id\":1}\u0000"
                        .getBytes(StandardCharsets.US_ASCII);
            }
            // Replies are a few kB; the loopback send buffer takes them whole, so this loop rarely turns.
            ByteBuffer out = ByteBuffer.wrap(reply);
            while (out.hasRemaining()) {
                client.write(out);
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
        for (ServerSocketChannel server : servers) {
            server.close();
        }
        selector.close();
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        FakeFleet fleet = start(count);
        StringBuilder ports = new StringBuilder();
        fleet.ports().forEach(port -> ports.append(port).append('\n'));
        Files.writeString(Path.of(args[1]), ports);
        System.err.println("fake fleet: " + count + " Antminers listening; ports in " + args[1]);
        Thread.currentThread().join();
    }
}
