package io.hashfence.agent.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.hashfence.testing.ExternalBinary;
import io.hashfence.testing.ExternalProcess;
import io.hashfence.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Mosquitto broker for tests, on 127.0.0.1 and a free port, that checks user names and passwords
 * against a password file. Can be stopped and started again on the same port. Without the binary the
 * calling test is skipped, unless CI=true, where it fails.
 */
public final class Mosquitto implements AutoCloseable {
    public static final String OBSERVER = "observer";
    public static final String OBSERVER_PASSWORD = "observer-secret";

    private final Path binary;
    private final Path directory;
    private final int port;
    private ExternalProcess process;

    private Mosquitto(Path binary, Path directory, int port) {
        this.binary = binary;
        this.directory = directory;
        this.port = port;
    }

    /** A broker, not yet started, that admits {@code users} (name to password) and the {@link #OBSERVER}. */
    public static Mosquitto create(Path directory, Map<String, String> users, Map<String, String> extraSettings) {
        Path binary = requireBinary();
        Map<String, String> everyone = new LinkedHashMap<>(users);
        everyone.put(OBSERVER, OBSERVER_PASSWORD);
        Path passwords = directory.resolve("passwords");
        boolean first = true;
        for (Map.Entry<String, String> user : everyone.entrySet()) {
            List<String> command = new ArrayList<>(List.of(passwdTool(binary), "-b"));
            if (first) {
                command.add("-c");
            }
            command.addAll(List.of(passwords.toString(), user.getKey(), user.getValue()));
            run(command);
            first = false;
        }
        int port = FreePorts.pick();
        StringBuilder config = new StringBuilder()
                .append("listener ")
                .append(port)
                .append(" 127.0.0.1\n")
                .append("allow_anonymous false\n")
                .append("password_file ")
                .append(passwords)
                .append('\n')
                .append("persistence true\n")
                .append("persistence_location ")
                .append(directory)
                .append("/\n")
                .append("user ")
                .append(System.getProperty("user.name"))
                .append('\n')
                .append("max_queued_messages 100000\n");
        extraSettings.forEach(
                (key, value) -> config.append(key).append(' ').append(value).append('\n'));
        write(directory.resolve("mosquitto.conf"), config.toString());
        return new Mosquitto(binary, directory, port);
    }

    public static Mosquitto start(Path directory, Map<String, String> users) {
        Mosquitto broker = create(directory, users, Map.of());
        broker.start();
        return broker;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public Path log() {
        return directory.resolve("mosquitto.log");
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        try {
            process = ExternalProcess.start(
                    List.of(
                            binary.toString(),
                            "-c",
                            directory.resolve("mosquitto.conf").toString()),
                    directory,
                    log());
            process.awaitListening(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the broker with SIGTERM; connected clients see their connection close. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.close();
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private static Path requireBinary() {
        return ExternalBinary.require("mosquitto", "mosquitto");
    }

    private static String passwdTool(Path binary) {
        Path beside = binary.resolveSibling("mosquitto_passwd");
        if (Files.isExecutable(beside)) {
            return beside.toString();
        }
        Path usrBin = Path.of("/usr/bin/mosquitto_passwd");
        return Files.isExecutable(usrBin) ? usrBin.toString() : "mosquitto_passwd";
    }

    private static void run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                fail(String.join(" ", command.subList(0, 2)) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
