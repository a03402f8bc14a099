package io.hashfence.agent.testing;

import io.hashfence.agent.AgentMain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code hashfence-agent} in a JVM of its own, started through {@code main}, so that it can be killed outright. */
public final class ChildAgent implements AutoCloseable {
    private final Process process;

    private ChildAgent(Process process) {
        this.process = process;
    }

    public static ChildAgent start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AgentMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("HASHFENCE_TOKEN");
        return new ChildAgent(builder.start());
    }

    /** SIGKILL: the agent gets no chance to say goodbye, so only its Will can tell the collector. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
