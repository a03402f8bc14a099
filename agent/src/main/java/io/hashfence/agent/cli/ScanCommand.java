package io.hashfence.agent.cli;

import io.hashfence.agent.discover.Cidr;
import io.hashfence.agent.discover.FoundMiner;
import io.hashfence.agent.discover.Scanner;
import io.hashfence.agent.miner.MinerAdapters;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Probe address ranges for miner APIs and list each miner found with its type, model and firmware.")
public final class ScanCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "CIDR", arity = "1..*", description = "IPv4 ranges such as 192.168.1.0/24 (at most /16 each).")
    private List<String> ranges;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "500ms",
            description = "How long to wait for a port to accept (default: ${DEFAULT-VALUE}).")
    private Duration connectTimeout;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "3s",
            description = "How long a miner that accepted may take to answer (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "256",
            description = "Probes at once (default: ${DEFAULT-VALUE}).")
    private int parallelism;

    @Option(names = "--probe", paramLabel = "TYPE:PORT",
            description = "Try this API on this port instead of the usual ports; repeatable, e.g. --probe xmrig:18088.")
    private List<String> probeTexts = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        List<Scanner.Probe> probes = new ArrayList<>();
        for (String text : probeTexts) {
            try {
                probes.add(Scanner.Probe.parse(text));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        List<Cidr> cidrs = new ArrayList<>();
        for (String range : ranges) {
            try {
                cidrs.add(Cidr.parse(range));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (parallelism < 1 || parallelism > 4096) {
            throw new ParameterException(spec.commandLine(), "--parallelism must be between 1 and 4096, got " + parallelism);
        }
        Scanner scanner = new Scanner(new MinerAdapters(), connectTimeout, timeout, parallelism,
                probes.isEmpty() ? Scanner.DEFAULT_PROBES : probes);
        long started = System.nanoTime();
        List<FoundMiner> found = scanner.scan(cidrs);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-21s %-13s %-13s %-28s %s%n", "ADDRESS", "API", "TYPE", "MODEL", "FIRMWARE");
        for (FoundMiner miner : found) {
            out.printf("%-21s %-13s %-13s %-28s %s%n", miner.endpoint().address(), miner.endpoint().kind().configName(),
                    miner.type(), orDash(miner.model()), orDash(miner.firmware()));
        }
        out.printf("%d miners found in %s in %.1f s%n", found.size(), cidrs, (System.nanoTime() - started) / 1e9);
        out.flush();
        return ExitCodes.OK;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
