package io.hashfence.agent.testing;

import io.hashfence.agent.AgentMain;
import io.hashfence.agent.cli.CommandLine;
import io.hashfence.testing.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs {@code hashfence-agent} through its command line on a thread of this JVM; interrupting it stops the agent cleanly. */
public final class InProcessAgent implements AutoCloseable {
    private final Thread thread;
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final StringWriter errors = new StringWriter();

    private InProcessAgent(Map<String, String> environment, String... args) {
        CommandLine commandLine = AgentMain.commandLine(environment);
        thread = new Thread(
                () -> exitCode.complete(
                        commandLine.execute(new PrintWriter(System.out, true), new PrintWriter(errors, true), args)),
                "agent-under-test");
    }

    public static InProcessAgent start(Map<String, String> environment, String... args) {
        InProcessAgent agent = new InProcessAgent(environment, args);
        agent.thread.start();
        return agent;
    }

    public boolean isRunning() {
        return !exitCode.isDone();
    }

    public String errors() {
        return errors.toString();
    }

    /** Stops the agent as SIGTERM would and answers its exit code. */
    public int stop() throws InterruptedException, ExecutionException, TimeoutException {
        thread.interrupt();
        return exitCode.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (isRunning()) {
            thread.interrupt();
            exitCode.orTimeout(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
        }
    }
}
