package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One of the shipped jars, run as a separate JVM exactly as a user runs it, its output kept in files. */
final class JarProcess implements AutoCloseable {
    private static final Pattern MQTT_LISTENING = Pattern.compile("MQTT listening on [^:]+:(\\d+)");
    private static final Pattern HTTP_LISTENING = Pattern.compile("HTTP listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private JarProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static Path collectorJar() {
        return jar("hashfence.collector.jar");
    }

    static Path agentJar() {
        return jar("hashfence.agent.jar");
    }

    private static Path jar(String property) {
        Path jar = Path.of(System.getProperty(property, "missing: run through Maven (mvn verify)"));
        assertThat(jar).as("the packaged jar; build it with mvn verify").isRegularFile();
        return jar;
    }

    /**
     * The collector jar's {@code run} on {@code dataDir} with MQTT and HTTP on free ports ({@link #mqttPort()},
     * {@link #httpPort()} read them from its log), followed by {@code more} arguments.
     */
    static JarProcess runCollector(Path workDir, Path dataDir, String... more) throws IOException {
        List<String> args = new ArrayList<>(
                List.of("run", "--data-dir", dataDir.toString(), "--mqtt-port", "0", "--http-port", "0"));
        args.addAll(List.of(more));
        return start(collectorJar(), workDir, Map.of(), args.toArray(String[]::new));
    }

    static JarProcess start(Path jar, Path workDir, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dio.netty.leakDetection.level=PARANOID",
                "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        String name = jar.getFileName().toString().replace(".jar", "") + "-" + System.nanoTime();
        Path stdout = workDir.resolve(name + ".out");
        Path stderr = workDir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        return new JarProcess(builder.start(), stdout, stderr);
    }

    /** Runs to completion and returns the exit code. */
    int waitFor() throws InterruptedException {
        assertThat(process.waitFor(Await.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .as("process finished in time")
                .isTrue();
        return process.exitValue();
    }

    /** Waits until standard error has a line matching the pattern, and returns its first group. */
    String awaitLog(Pattern pattern) throws IOException, InterruptedException {
        try {
            Await.until(
                    "a log line matching " + pattern,
                    () -> pattern.matcher(stderr()).find() || !process.isAlive());
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; the log:\n" + stderr(), timedOut);
        }
        Matcher matcher = pattern.matcher(stderr());
        if (!matcher.find()) {
            throw new AssertionError(
                    "process exited with " + process.exitValue() + " before logging " + pattern + ":\n" + stderr());
        }
        return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
    }

    /** The collector's plain MQTT port, once it logs that it listens there. */
    int mqttPort() throws IOException, InterruptedException {
        return Integer.parseInt(awaitLog(MQTT_LISTENING));
    }

    /** The collector's HTTP port, once it logs that it listens there. */
    int httpPort() throws IOException, InterruptedException {
        return Integer.parseInt(awaitLog(HTTP_LISTENING));
    }

    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the process as a service manager would (SIGTERM) and waits for it. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Kills the process outright (SIGKILL), as a crash or the OOM killer would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Stops the process as {@link #stop()} does; interrupted meanwhile, it kills it and keeps the interrupt. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
