package io.hashfence.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (Debian's {@code postgresql} package, programs in {@code /usr/lib/postgresql/VERSION/bin}) for
 * the tests of the shared store: {@code initdb} in a fresh temporary directory, {@code postgres} on a free loopback
 * port, a database {@code hashfence} owned by the superuser {@code hashfence}. Testcontainers is no option here:
 * no Docker image of PostgreSQL can be pulled where no registry answers, so the test runs the packaged server.
 * PostgreSQL refuses to run as root, so as root both run as the {@code postgres} user ({@code runuser}), the
 * directory owned by it. {@link #close()} stops the server and deletes the directory.
 */
public final class PostgresServer implements PostgresDatabase, AutoCloseable {
    public static final String DATABASE = "hashfence";
    public static final String USER = "hashfence";
    private static final Path INSTALLED = Path.of("/usr/lib/postgresql");
    private static final long COMMAND_SECONDS = 120;

    private final Path bin;
    private final Path directory;
    private final Path dataDir;
    private final int port;
    private ExternalProcess server;

    private PostgresServer(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.dataDir = directory.resolve("data");
        this.port = port;
    }

    /** A running server with trust authentication, or a skip (a failure with {@code CI=true}) without PostgreSQL. */
    public static PostgresServer start() throws IOException, InterruptedException {
        return start(null);
    }

    /**
     * A running server; with a password, TCP clients must give it (scram-sha-256), otherwise they are trusted.
     */
    public static PostgresServer start(String password) throws IOException, InterruptedException {
        Path bin = requireInstalled();
        Path directory = Files.createTempDirectory("hashfence-postgres");
        PostgresServer postgres = new PostgresServer(bin, directory, FreePorts.pick());
        try {
            postgres.initialise(password);
            postgres.startServer();
            postgres.createDatabase(DATABASE);
            return postgres;
        } catch (IOException | RuntimeException | Error | InterruptedException e) {
            postgres.close();
            throw e;
        }
    }

    /**
     * The newest installed PostgreSQL's programs, or a skip (a failure with {@code CI=true}) naming the Debian
     * package, for tests that need PostgreSQL but leave starting it to what they run (a benchmark).
     */
    public static Path requireInstalled() {
        Optional<Path> bin = binaries();
        Requirement.require(
                bin.isPresent(),
                "PostgreSQL is not installed (no " + INSTALLED + "/*/bin/postgres): install the Debian package "
                        + "postgresql (./hashfence test installs it)");
        return bin.orElseThrow();
    }

    /** Creates another empty database {@code name}, owned by {@link #USER}; {@link #jdbcUrl(String)} names it. */
    public void createDatabase(String name) throws IOException, InterruptedException {
        run(List.of(
                bin.resolve("createdb").toString(),
                // the Unix socket, where the superuser is trusted also when TCP clients need a password
                "--host=" + directory,
                "--port=" + port,
                "--username=" + USER,
                "--no-password",
                name));
    }

    /** The JDBC URL of the database {@value #DATABASE}, without any password. */
    @Override
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** The JDBC URL of the database {@code database}, without any password. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    public int port() {
        return port;
    }

    /**
     * Stops the server with {@code pg_ctl stop -m fast} (open connections are cut, as when a database server goes
     * away) and waits for it; {@link #restart()} starts it again.
     */
    @Override
    public void stop() {
        if (server == null) {
            return;
        }
        try {
            run(List.of(
                    bin.resolve("pg_ctl").toString(),
                    "stop",
                    "--pgdata=" + dataDir,
                    "--mode=fast",
                    "--wait",
                    "--silent"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL in " + dataDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            server = null;
        }
    }

    /** Starts the stopped server again on the same port with the same data. */
    @Override
    public void restart() throws IOException, InterruptedException {
        stop();
        startServer();
    }

    /** What the server has logged so far. */
    public String log() {
        return server == null ? "(stopped)" : server.log();
    }

    @Override
    public void close() {
        stop();
        try {
            deleteRecursively(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    private void initialise(String password) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        List<String> initdb = new ArrayList<>(List.of(
                bin.resolve("initdb").toString(),
                "--pgdata=" + dataDir,
                "--username=" + USER,
                "--encoding=UTF8",
                "--no-sync",
                "--auth-local=trust"));
        if (password != null) {
            Path passwordFile = directory.resolve("superuser-password");
            Files.writeString(passwordFile, password + "\n");
            initdb.add("--pwfile=" + passwordFile);
            initdb.add("--auth-host=scram-sha-256");
        } else {
            initdb.add("--auth-host=trust");
        }
        ownByServerUser();
        run(initdb);
    }

    private void startServer() throws IOException, InterruptedException {
        List<String> command = List.of(
                bin.resolve("postgres").toString(),
                "-D",
                dataDir.toString(),
                "-p",
                Integer.toString(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "unix_socket_directories=" + directory,
                // a test machine's crash is no concern of these tests; a killed server keeps its page cache
                "-c",
                "fsync=off");
        server = ExternalProcess.start(asServerUser(command), directory, directory.resolve("postgres.log"))
                .awaitReady("accepts connections on port " + port, this::ready);
    }

    private boolean ready() throws IOException, InterruptedException {
        Process probe = new ProcessBuilder(
                        bin.resolve("pg_isready").toString(),
                        "--host=127.0.0.1",
                        "--port=" + port,
                        "--username=" + USER)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return probe.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("hashfence-postgres-command", ".log");
        try {
            Process process = new ProcessBuilder(asServerUser(command))
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command.get(0) + " did not finish in " + COMMAND_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(
                        command + " exited with " + process.exitValue() + ":\n" + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser(List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void ownByServerUser() throws IOException {
        if (!runningAsRoot()) {
            return;
        }
        UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setOwner(path, users.lookupPrincipalByName("postgres"));
            }
        }
    }

    /** The newest installed PostgreSQL's programs. */
    private static Optional<Path> binaries() {
        if (!Files.isDirectory(INSTALLED)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(INSTALLED)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(candidate -> Files.isExecutable(candidate.resolve("postgres")))
                    .max(Comparator.comparing(PostgresServer::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
