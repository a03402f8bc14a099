package io.hashfence.collector.testing;

import io.hashfence.collector.CollectorMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** {@code hashfence-collector} run in-process through its command line, with what it printed kept. */
public final class CollectorCli {
    private CollectorCli() {}

    /** The exit code and what the command printed to standard output and standard error. */
    public record Result(int exitCode, String out, String err) {}

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new CollectorMain());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
