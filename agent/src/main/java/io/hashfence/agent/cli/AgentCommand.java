package io.hashfence.agent.cli;

import java.io.PrintWriter;

/** One command of {@code hashfence-agent}: run, check, scan or simulate. */
interface AgentCommand {
    CommandSpec spec();

    /** Runs with checked flags and answers the exit code; {@code out} is standard output. */
    int run(Flags flags, PrintWriter out) throws Exception;
}
