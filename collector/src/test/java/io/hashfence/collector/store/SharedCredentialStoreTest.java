package io.hashfence.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hashfence.collector.config.StoreConfig;
import io.hashfence.collector.site.SiteAuthenticator;
import io.hashfence.collector.site.SiteCredential;
import io.hashfence.collector.site.TokenHasher;
import io.hashfence.protocol.SiteId;
import io.hashfence.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Site credentials shared by two collectors' stores on one real PostgreSQL ({@link PostgresExtension}). */
class SharedCredentialStoreTest {
    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.trusted();

    StoreDatabase one;
    StoreDatabase two;

    @BeforeEach
    void open() throws Exception {
        one = StoreDatabase.open(new StoreConfig(postgres.jdbcUrl(), null, "one"));
        two = StoreDatabase.open(new StoreConfig(postgres.jdbcUrl(), null, "two"));
    }

    @AfterEach
    void close() {
        one.close();
        two.close();
    }

    @Test
    void aSiteAddedThroughOneStoreAuthenticatesThroughTheOtherAfterARefresh() throws Exception {
        SharedCredentialStore first = SharedCredentialStore.open(one);
        SharedCredentialStore second = SharedCredentialStore.open(two);
        String token = first.add(SiteId.of("added-site"), new TokenHasher());
        SiteAuthenticator authenticator = new SiteAuthenticator(second);
        assertThat(authenticator.authenticate("added-site", bytes(token))).isEmpty();
        second.refresh();
        assertThat(authenticator.authenticate("added-site", bytes(token)))
                .map(SiteCredential::site)
                .contains(SiteId.of("added-site"));
        assertThat(authenticator.authenticate("added-site", bytes(token + "x"))).isEmpty();
        assertThatThrownBy(() -> second.add(SiteId.of("added-site"), new TokenHasher()))
                .hasMessageContaining("already exists in the shared store");
    }

    @Test
    void aRotationThroughOneStoreRevokesTheOldTokenInTheOther() throws Exception {
        SharedCredentialStore first = SharedCredentialStore.open(one);
        String old = first.add(SiteId.of("rotated-site"), new TokenHasher());
        SharedCredentialStore second = SharedCredentialStore.open(two);
        SiteCredential before = second.find(SiteId.of("rotated-site")).orElseThrow();
        String fresh = first.rotate(SiteId.of("rotated-site"), new TokenHasher());
        second.refresh();
        SiteCredential after = second.find(SiteId.of("rotated-site")).orElseThrow();
        assertThat(after.sameAs(before)).isFalse();
        assertThat(second.matches(after, old)).isFalse();
        assertThat(second.matches(after, fresh)).isTrue();
    }

    @Test
    void keepsOnlyKeyedHashesAndOneSharedKey() throws Exception {
        SharedCredentialStore first = SharedCredentialStore.open(one);
        String token = first.add(SiteId.of("hashed-site"), new TokenHasher());
        SharedCredentialStore.open(two);
        try (Connection connection = one.connection();
                Statement statement = connection.createStatement();
                ResultSet keys = statement.executeQuery("SELECT count(*) FROM token_key")) {
            keys.next();
            assertThat(keys.getInt(1)).isEqualTo(1);
        }
        try (Connection connection = one.connection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT scheme, encode(hash, 'escape') FROM site_credential WHERE site = 'hashed-site'")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("hmac-sha256");
            assertThat(rows.getString(2)).doesNotContain(token);
        }
    }

    @Test
    void aStoreThatWentAwayKeepsTheLastCredentialsInForce() throws Exception {
        SharedCredentialStore first = SharedCredentialStore.open(one);
        String token = first.add(SiteId.of("kept-site"), new TokenHasher());
        postgres.stop();
        try {
            first.refresh();
            assertThat(new SiteAuthenticator(first).authenticate("kept-site", bytes(token)))
                    .isPresent();
        } finally {
            postgres.restart();
        }
        first.refresh();
        assertThat(first.find(SiteId.of("kept-site"))).isPresent();
    }

    private static byte[] bytes(String token) {
        return token.getBytes(StandardCharsets.UTF_8);
    }
}
