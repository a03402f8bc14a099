package io.hashfence.bench.failover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The versions of the engines the cluster runs on, read from the programs themselves. */
final class Engines {
    private Engines() {}

    /** "postgresql 15.14", from the running server. */
    static String postgresql(String jdbcUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                ResultSet version = connection.createStatement().executeQuery("SHOW server_version")) {
            version.next();
            return "postgresql " + version.getString(1).split(" ")[0];
        }
    }

    static String firstLine(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output.lines().findFirst().orElse("").strip();
    }
}
