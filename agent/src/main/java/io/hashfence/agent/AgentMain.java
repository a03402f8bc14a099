package io.hashfence.agent;

import io.hashfence.agent.cli.CommandLine;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;

/** The {@code hashfence-agent} command line. */
public final class AgentMain {
    private AgentMain() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        System.exit(commandLine(System.getenv()).execute(out, err, args));
    }

    /** The command line with its commands; {@code environment} supplies HASHFENCE_* variables. */
    public static CommandLine commandLine(Map<String, String> environment) {
        return CommandLine.agent(environment);
    }
}
