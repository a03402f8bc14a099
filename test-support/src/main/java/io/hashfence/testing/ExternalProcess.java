package io.hashfence.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program a test starts (Mosquitto, gpsd, Alertmanager, Prometheus, ...) and always stops, its output
 * appended to a log file that a failure quotes. The wrappers of each program build on it.
 */
public final class ExternalProcess implements AutoCloseable {
    private static final long STOP_SECONDS = 15;

    private final String name;
    private final Process process;
    private final Path log;

    private ExternalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts the command in {@code workDir}, its output in {@code workDir/<program>.log}. */
    public static ExternalProcess start(List<String> command, Path workDir) throws IOException {
        return start(command, workDir, workDir.resolve(Path.of(command.get(0)).getFileName() + ".log"));
    }

    /** Starts the command in {@code workDir}, its output appended to {@code log} (a restart keeps the earlier). */
    public static ExternalProcess start(List<String> command, Path workDir, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ExternalProcess(Path.of(command.get(0)).getFileName().toString(), process, log);
    }

    /** Waits until the program accepts TCP connections on the loopback port; fails with its log if it exits first. */
    public ExternalProcess awaitListening(int port) throws InterruptedException {
        return awaitReady("listens on port " + port, () -> accepts(port));
    }

    /** Waits until {@code ready} holds; fails with the program's log if it exits first. */
    public ExternalProcess awaitReady(String what, Await.Probe<Boolean> ready) throws InterruptedException {
        Await.until(name + " " + what, () -> !process.isAlive() || ready.look());
        if (!process.isAlive()) {
            throw new AssertionError(
                    name + " exited with " + process.exitValue() + " before it " + what + ":\n" + log());
        }
        return this;
    }

    /** What the program has written so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the program with SIGTERM, and with SIGKILL if it has not exited after 15 s; waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
