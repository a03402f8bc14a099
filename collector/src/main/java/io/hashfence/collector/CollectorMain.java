package io.hashfence.collector;

import io.hashfence.collector.cli.RunCommand;
import io.hashfence.collector.cli.SitesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hashfence-collector}: the collector's command line. */
@Command(name = "hashfence-collector", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Hashfence collector: MQTT ingest, geo-compliance, metrics and alerts for mining fleets.",
        subcommands = {RunCommand.class, SitesCommand.class})
public final class CollectorMain {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return new CommandLine(new CollectorMain()).execute(args);
    }
}
