package io.hashfence.agent.miner;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Whatever a GPU or CPU miner's HTTP API answers, its adapter (XMRig, T-Rex, lolMiner, GMiner, NBMiner)
 * returns a reading or a MinerException, never another exception and never past its timeout. The first
 * input byte picks the adapter; the rest is the reply body, served by a real HTTP server on loopback.
 */
class HttpMinerReplyFuzzTest {
    private static final List<MinerKind> KINDS =
            List.of(MinerKind.XMRIG, MinerKind.TREX, MinerKind.LOLMINER, MinerKind.GMINER, MinerKind.NBMINER);
    private static final AtomicReference<byte[]> BODY = new AtomicReference<>(new byte[0]);
    private static final MinerAdapters ADAPTERS = new MinerAdapters();
    private static HttpServer miner;

    @BeforeAll
    static void startFakeMiner() throws IOException {
        miner = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        miner.createContext("/", exchange -> {
            byte[] body = BODY.get();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        miner.start();
    }

    @AfterAll
    static void stopFakeMiner() {
        miner.stop(0);
    }

    @FuzzTest(maxDuration = "20s")
    void reply(byte[] data) {
        MinerKind kind = KINDS.get(data.length == 0 ? 0 : (data[0] & 0xff) % KINDS.size());
        BODY.set(data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length));
        MinerEndpoint endpoint =
                new MinerEndpoint(kind, "127.0.0.1", miner.getAddress().getPort(), null, "token", null);
        long started = System.nanoTime();
        try {
            assertThat(ADAPTERS.forKind(kind).read(endpoint, Duration.ofMillis(500)))
                    .isNotNull();
        } catch (MinerException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
