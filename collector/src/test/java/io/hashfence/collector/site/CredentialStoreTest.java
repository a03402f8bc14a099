package io.hashfence.collector.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hashfence.protocol.SiteId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
    @TempDir
    Path dir;

    @Test
    void storesOnlyAKeyedHashInAPrivateFileWithItsKeyBeside() throws Exception {
        CredentialStore store = new CredentialStore(dir);
        String token = store.add(SiteId.of("texas-01"), new TokenHasher());
        String file = Files.readString(store.file());
        assertThat(token).startsWith("hf_").hasSizeGreaterThan(40);
        assertThat(file).doesNotContain(token).contains("texas-01").contains("\"scheme\" : \"hmac-sha256\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(TokenKey.FILE_NAME))))
                .isEqualTo("rw-------");
    }

    @Test
    void authenticatesOnlyTheRightTokenForTheRightSite() throws Exception {
        CredentialStore store = new CredentialStore(dir);
        String texas = store.add(SiteId.of("texas-01"), new TokenHasher());
        String quebec = store.add(SiteId.of("quebec-01"), new TokenHasher());
        SiteAuthenticator authenticator = new SiteAuthenticator(store);
        assertThat(authenticator.authenticate("texas-01", bytes(texas)))
                .map(SiteCredential::site)
                .contains(SiteId.of("texas-01"));
        assertThat(authenticator.authenticate("texas-01", bytes(quebec))).isEmpty();
        assertThat(authenticator.authenticate("texas-01", bytes(texas + "x"))).isEmpty();
        assertThat(authenticator.authenticate("nowhere", bytes(texas))).isEmpty();
        assertThat(authenticator.authenticate("bad site", bytes(texas))).isEmpty();
        assertThat(authenticator.authenticate("texas-01", null)).isEmpty();
    }

    @Test
    void aSiteAddedByAnotherProcessIsSeenWithoutRestart() throws Exception {
        CredentialStore running = new CredentialStore(dir);
        SiteAuthenticator authenticator = new SiteAuthenticator(running);
        assertThat(running.size()).isZero();
        String token = new CredentialStore(dir).add(SiteId.of("late-site"), new TokenHasher());
        assertThat(authenticator.authenticate("late-site", bytes(token)))
                .map(SiteCredential::site)
                .contains(SiteId.of("late-site"));
    }

    @Test
    void rotatingATokenRevokesTheOldOne() throws Exception {
        CredentialStore store = new CredentialStore(dir);
        String old = store.add(SiteId.of("texas-01"), new TokenHasher());
        SiteAuthenticator authenticator = new SiteAuthenticator(store);
        assertThat(authenticator.authenticate("texas-01", bytes(old))).isPresent();
        String fresh = new CredentialStore(dir).rotate(SiteId.of("texas-01"), new TokenHasher());
        assertThat(fresh).isNotEqualTo(old);
        assertThat(authenticator.authenticate("texas-01", bytes(old)))
                .as("revoked, even though it was cached")
                .isEmpty();
        assertThat(authenticator.authenticate("texas-01", bytes(fresh))).isPresent();
        assertThatThrownBy(() -> store.rotate(SiteId.of("nowhere"), new TokenHasher()))
                .hasMessageContaining("no site");
    }

    @Test
    void refusesADuplicateSite() throws Exception {
        CredentialStore store = new CredentialStore(dir);
        store.add(SiteId.of("texas-01"), new TokenHasher());
        assertThatThrownBy(() -> store.add(SiteId.of("texas-01"), new TokenHasher()))
                .hasMessageContaining("already exists");
    }

    private static byte[] bytes(String token) {
        return token.getBytes(StandardCharsets.UTF_8);
    }
}
