package io.hashfence.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests on one {@link PostgresExtension} stay independent: each starts on an empty database of its own. */
class PostgresExtensionTest {
    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.trusted();

    private static final Set<String> URLS_SEEN = new HashSet<>();

    @RepeatedTest(2)
    void eachTestStartsOnAnEmptyDatabaseOfItsOwn() throws Exception {
        assertThat(URLS_SEEN.add(postgres.jdbcUrl()))
                .as("a database no earlier test had: " + postgres.jdbcUrl())
                .isTrue();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                Statement statement = connection.createStatement()) {
            try (ResultSet tables = statement.executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
                tables.next();
                assertThat(tables.getInt(1))
                        .as("tables left by an earlier test")
                        .isZero();
            }
            // what the next test must not find
            statement.execute("CREATE TABLE left_behind (id int)");
        }
    }
}
