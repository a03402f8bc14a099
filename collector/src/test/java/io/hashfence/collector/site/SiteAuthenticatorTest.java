package io.hashfence.collector.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.protocol.SiteId;
import io.hashfence.testing.Await;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HMAC entries are checked at once, without the slow executor; a PBKDF2 entry from an earlier version is
 * checked there once (a reconnect storm shares that one run) and then upgraded to an HMAC.
 */
class SiteAuthenticatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InetAddress SOURCE = InetAddress.getLoopbackAddress();

    @TempDir
    Path dataDir;

    /** One thread, room for one queued task: what a storm of separate verifications would overflow at once. */
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1), new ThreadPoolExecutor.AbortPolicy());

    private final AtomicInteger verifications = new AtomicInteger();
    private final Executor executor = task -> {
        pool.execute(task);
        verifications.incrementAndGet();
    };

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void anHmacEntryIsCheckedAtOnceWithoutTheSlowExecutor() throws Exception {
        CredentialStore store = new CredentialStore(dataDir);
        String token = store.add(SiteId.of("fast-site"), new TokenHasher());
        SiteAuthenticator authenticator = new SiteAuthenticator(store);

        CompletableFuture<Optional<SiteCredential>> right =
                authenticator.verify("fast-site", bytes(token), SOURCE, executor);
        CompletableFuture<Optional<SiteCredential>> wrong =
                authenticator.verify("fast-site", bytes(token + "x"), SOURCE, executor);

        assertThat(right).isDone();
        assertThat(right.get()).map(SiteCredential::site).contains(SiteId.of("fast-site"));
        assertThat(wrong).isDone();
        assertThat(wrong.get()).isEmpty();
        assertThat(verifications).hasValue(0);
    }

    @Test
    void concurrentConnectsToALegacyEntryShareOnePbkdf2RunWhichUpgradesIt() throws Exception {
        String token = writeLegacySites("storm-site").get(0);
        CredentialStore store = new CredentialStore(dataDir);
        SiteCredential legacy = store.find(SiteId.of("storm-site")).orElseThrow();
        SiteAuthenticator authenticator = new SiteAuthenticator(store);

        // The check waits until all 200 CONNECTs have arrived, as a slow PBKDF2 run under a storm would.
        CountDownLatch stormArrived = new CountDownLatch(1);
        AtomicInteger slowChecks = new AtomicInteger();
        Executor gated = task -> {
            slowChecks.incrementAndGet();
            pool.execute(() -> {
                try {
                    stormArrived.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                task.run();
            });
        };
        List<CompletableFuture<Optional<SiteCredential>>> connects = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            connects.add(authenticator.verify("storm-site", bytes(token), SOURCE, gated));
        }
        stormArrived.countDown();
        for (CompletableFuture<Optional<SiteCredential>> connect : connects) {
            assertThat(connect.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .isPresent();
        }
        assertThat(slowChecks).as("PBKDF2 runs").hasValue(1);

        SiteCredential upgraded =
                new CredentialStore(dataDir).find(SiteId.of("storm-site")).orElseThrow();
        assertThat(upgraded.scheme()).isEqualTo(TokenScheme.HMAC_SHA256);
        assertThat(upgraded.sameAs(legacy))
                .as("the same issued token: its sessions stay open")
                .isTrue();
        CompletableFuture<Optional<SiteCredential>> later =
                authenticator.verify("storm-site", bytes(token), SOURCE, executor);
        assertThat(later).isDone();
        assertThat(later.get()).isPresent();
        assertThat(authenticator
                        .verify("storm-site", bytes(token + "x"), SOURCE, executor)
                        .get())
                .isEmpty();
        assertThat(verifications).as("checks on the executor once upgraded").hasValue(0);
    }

    @Test
    void aWrongTokenForALegacyEntryIsRefusedAndLeavesItAsItWas() throws Exception {
        String token = writeLegacySites("old-site").get(0);
        CredentialStore store = new CredentialStore(dataDir);
        SiteAuthenticator authenticator = new SiteAuthenticator(store);

        assertThat(authenticator
                        .verify("old-site", bytes(token + "x"), SOURCE, executor)
                        .get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .isEmpty();
        assertThat(new CredentialStore(dataDir)
                        .find(SiteId.of("old-site"))
                        .orElseThrow()
                        .scheme())
                .isEqualTo(TokenScheme.PBKDF2);
    }

    @Test
    void aFullExecutorIsReportedSoThatTheClientHearsServerBusy() throws Exception {
        writeLegacySites("a", "b", "c");
        SiteAuthenticator authenticator = new SiteAuthenticator(new CredentialStore(dataDir));
        // Slow checks that do not end before the third arrives: one running, one queued, no room left.
        CountDownLatch checksMayEnd = new CountDownLatch(1);
        Executor slow = task -> pool.execute(() -> {
            try {
                checksMayEnd.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            task.run();
        });
        try {
            authenticator.verify("a", bytes("token-a"), SOURCE, slow);
            authenticator.verify("b", bytes("token-b"), SOURCE, slow);

            assertThatThrownBy(() -> authenticator.verify("c", bytes("token-c"), SOURCE, slow))
                    .isInstanceOf(RejectedExecutionException.class);
        } finally {
            checksMayEnd.countDown();
        }
    }

    @Test
    void aSourceThatKeepsFailingIsBackedOffAndOthersAreNot() throws Exception {
        CredentialStore store = new CredentialStore(dataDir);
        String token = store.add(SiteId.of("fast-site"), new TokenHasher());
        SiteAuthenticator authenticator = new SiteAuthenticator(store);
        InetAddress flooder = InetAddress.getByName("192.0.2.7");
        for (int i = 0; i <= SourceBackoff.FREE_FAILURES; i++) {
            authenticator.verify("fast-site", bytes("wrong"), flooder, executor).get();
        }
        assertThat(authenticator.backsOff(flooder)).isTrue();
        assertThat(authenticator.backsOff(SOURCE)).isFalse();
        assertThat(authenticator
                        .verify("fast-site", bytes(token), SOURCE, executor)
                        .get())
                .isPresent();
    }

    /** A sites.json as earlier versions wrote it (PBKDF2, 1,000 iterations to keep the test quick); the tokens. */
    private List<String> writeLegacySites(String... sites) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "hashfence-sites-v1");
        root.put("algorithm", "PBKDF2WithHmacSHA256");
        ArrayNode entries = root.putArray("sites");
        List<String> tokens = new ArrayList<>();
        TokenHasher hasher = new TokenHasher();
        for (String site : sites) {
            String token = hasher.newToken();
            byte[] salt = new byte[16];
            salt[0] = (byte) site.length();
            entries.addObject()
                    .put("site", site)
                    .put("salt", Base64.getEncoder().encodeToString(salt))
                    .put("hash", Base64.getEncoder().encodeToString(TokenHasher.pbkdf2(token, salt, 1000)))
                    .put("iterations", 1000)
                    .put("created", "2026-01-01T00:00:00Z");
            tokens.add(token);
        }
        Files.writeString(dataDir.resolve(CredentialStore.FILE_NAME), JSON.writeValueAsString(root));
        return tokens;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
