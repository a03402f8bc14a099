package io.hashfence.collector;

import io.hashfence.collector.cli.LocateCommand;
import io.hashfence.collector.cli.ReportCommand;
import io.hashfence.collector.cli.RunCommand;
import io.hashfence.collector.cli.SanctionsCommand;
import io.hashfence.collector.cli.SitesCommand;
import io.hashfence.collector.cli.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hashfence-collector}: the collector's command line. */
@Command(
        name = "hashfence-collector",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Hashfence collector: MQTT ingest, geo-compliance, metrics and alerts for mining fleets.",
        subcommands = {
            RunCommand.class,
            SitesCommand.class,
            LocateCommand.class,
            VerifyCommand.class,
            ReportCommand.class,
            SanctionsCommand.class
        })
public final class CollectorMain {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return new CommandLine(new CollectorMain())
                .setExecutionExceptionHandler(CollectorMain::reportFailure)
                .execute(args);
    }

    /** A failed command says what went wrong in one line; bad settings exit 2 like bad flags, the rest 1. */
    private static int reportFailure(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        command.getErr().println("hashfence-collector: " + failure.getMessage());
        return failure instanceof IllegalArgumentException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
    }
}
