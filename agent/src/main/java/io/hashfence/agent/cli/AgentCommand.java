package io.hashfence.agent.cli;

import java.io.PrintWriter;
import java.util.List;

/** One command of {@code hashfence-agent}: run, check, scan or simulate. */
interface AgentCommand {
    CommandSpec spec();

    /**
     * What the command needs beyond its spec's required options, when absent: alternatives such as "--site or
     * --sites-file", each phrased for the user. Reported together with the missing required options.
     */
    default List<String> missing(Flags flags) {
        return List.of();
    }

    /** Runs with checked flags and answers the exit code; {@code out} is standard output. */
    int run(Flags flags, PrintWriter out) throws Exception;
}
