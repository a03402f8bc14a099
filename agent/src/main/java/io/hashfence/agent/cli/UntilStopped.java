package io.hashfence.agent.cli;

import io.hashfence.agent.run.Agent;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a started agent running until the JVM is asked to stop (SIGINT, SIGTERM) or the calling thread is
 * interrupted; either way the agent closes cleanly, saying {@code offline} for its sites.
 */
final class UntilStopped {
    private UntilStopped() {}

    static void run(Agent agent) {
        Thread shutdownHook = new Thread(agent::close, "hashfence-agent-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        boolean interrupted = false;
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            agent.close();
            removeHook(shutdownHook);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread shutdownHook) {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; nothing to undo.
        }
    }
}
