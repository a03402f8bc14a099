package io.hashfence.agent.cli;

import io.hashfence.agent.AgentMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs {@code hashfence-agent} in-process, as its main does, and keeps what it printed. */
final class CapturedCommandLine {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    int execute(Map<String, String> environment, String... args) {
        return AgentMain.commandLine(environment).execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** Forgets what was printed so far. */
    void clearOut() {
        out.getBuffer().setLength(0);
    }
}
