package io.hashfence.agent.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A miner's HTTP API on 127.0.0.1: serves recorded JSON at paths, optionally only with a Bearer token. */
public final class FakeHttpMiner implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private volatile String requiredToken;

    private FakeHttpMiner(HttpServer server) {
        this.server = server;
    }

    public static FakeHttpMiner serving(String path, String fixture) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        FakeHttpMiner fake = new FakeHttpMiner(server);
        fake.serve(path, fixture);
        server.createContext("/", exchange -> {
            try (exchange) {
                String token = fake.requiredToken;
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (token != null && !("Bearer " + token).equals(authorization)) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                byte[] body = fake.bodies.get(exchange.getRequestURI().getPath());
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return fake;
    }

    public void serve(String path, String fixture) {
        bodies.put(path, Fixtures.bytes("http/" + fixture));
    }

    public void requireToken(String token) {
        requiredToken = token;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
