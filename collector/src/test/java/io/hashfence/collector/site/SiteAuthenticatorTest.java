package io.hashfence.collector.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hashfence.protocol.SiteId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reconnect storm: many CONNECTs of one site at once share one PBKDF2 run. */
class SiteAuthenticatorTest {
    @TempDir
    Path dataDir;

    /** One thread, room for one queued task: what a storm of separate verifications would overflow at once. */
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1), new ThreadPoolExecutor.AbortPolicy());
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
    void concurrentConnectsWithTheSameTokenShareOneVerification() throws Exception {
        CredentialStore store = new CredentialStore(dataDir);
        String token = store.add(SiteId.of("storm-site"), new TokenHasher());
        SiteAuthenticator authenticator = new SiteAuthenticator(store);

        List<CompletableFuture<Optional<SiteCredential>>> connects = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            connects.add(authenticator.verify("storm-site", bytes(token), executor));
        }
        for (CompletableFuture<Optional<SiteCredential>> connect : connects) {
            assertThat(connect.get(30, TimeUnit.SECONDS)).isPresent();
        }
        assertThat(verifications).as("PBKDF2 runs").hasValue(1);
    }

    @Test
    void aWrongTokenIsVerifiedOnItsOwnAndRefused() throws Exception {
        CredentialStore store = new CredentialStore(dataDir);
        String token = store.add(SiteId.of("storm-site"), new TokenHasher());
        SiteAuthenticator authenticator = new SiteAuthenticator(store);

        CompletableFuture<Optional<SiteCredential>> right = authenticator.verify("storm-site", bytes(token), executor);
        CompletableFuture<Optional<SiteCredential>> wrong = authenticator.verify("storm-site", bytes(token + "x"), executor);

        assertThat(right.get(30, TimeUnit.SECONDS)).isPresent();
        assertThat(wrong.get(30, TimeUnit.SECONDS)).isEmpty();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aFullExecutorIsReportedSoThatTheClientHearsServerBusy() throws Exception {
        CredentialStore store = new CredentialStore(dataDir);
        for (String site : List.of("a", "b", "c")) {
            store.add(SiteId.of(site), new TokenHasher());
        }
        SiteAuthenticator authenticator = new SiteAuthenticator(store);
        authenticator.verify("a", bytes("token-a"), executor);
        authenticator.verify("b", bytes("token-b"), executor);

        assertThatThrownBy(() -> authenticator.verify("c", bytes("token-c"), executor))
                .isInstanceOf(RejectedExecutionException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
