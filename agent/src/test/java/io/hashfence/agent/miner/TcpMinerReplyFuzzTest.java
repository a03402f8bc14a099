package io.hashfence.agent.miner;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Whatever a miner's TCP API answers, its adapter returns a reading or a MinerException naming the
 * problem: never another exception, never a hang past its timeout. The first input byte picks the
 * adapter: even for the cgminer family on 4028 (cgminer, bmminer, Braiins, LuxOS, Avalon, Whatsminer v2),
 * odd for Whatsminer API v3 (length-framed, 4433); the rest is the reply. Replies are served over a real loopback socket (so Jazzer's
 * SSRF detector is switched off for this run: the connection is the point). Found and fixed: a text-format
 * section of only a comma (seed {@code text-section-of-only-a-comma}).
 */
class TcpMinerReplyFuzzTest {
    private static final AtomicReference<byte[]> REPLY = new AtomicReference<>(new byte[0]);
    private static final MinerAdapters ADAPTERS = new MinerAdapters();
    private static ServerSocket miner;
    private static Thread server;

    @BeforeAll
    static void startFakeMiner() throws IOException {
        miner = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server = new Thread(
                () -> {
                    while (!miner.isClosed()) {
                        try (Socket connection = miner.accept();
                                OutputStream out = connection.getOutputStream()) {
                            connection.getInputStream().read(new byte[4096]);
                            out.write(REPLY.get());
                        } catch (IOException e) {
                            // the adapter may hang up first; the next poll opens a new connection
                        }
                    }
                },
                "fake-miner");
        server.setDaemon(true);
        server.start();
    }

    @AfterAll
    static void stopFakeMiner() throws IOException {
        miner.close();
    }

    @FuzzTest(maxDuration = "20s")
    void reply(byte[] data) {
        MinerKind kind = data.length > 0 && (data[0] & 1) == 1 ? MinerKind.WHATSMINER_V3 : MinerKind.CGMINER;
        REPLY.set(data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length));
        MinerEndpoint endpoint = new MinerEndpoint(kind, "127.0.0.1", miner.getLocalPort(), null, null, null);
        long started = System.nanoTime();
        try {
            MinerSnapshot snapshot = ADAPTERS.forKind(kind).read(endpoint, Duration.ofMillis(500));
            assertThat(snapshot).isNotNull();
        } catch (MinerException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
