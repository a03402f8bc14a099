package io.hashfence.agent.cli;

import io.hashfence.agent.discover.Cidr;
import io.hashfence.agent.discover.FoundMiner;
import io.hashfence.agent.discover.Scanner;
import io.hashfence.agent.miner.MinerAdapters;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public final class ScanCommand implements AgentCommand {
    private static final CommandSpec SPEC = new CommandSpec(
            "scan",
            "Probe address ranges for miner APIs and list each miner found with its type, model and firmware."
                    + " CIDR: IPv4 ranges such as 192.168.1.0/24 (at most /16 each).",
            "CIDR...",
            List.of(
                    CommandSpec.Option.optional(
                            "--connect-timeout", "DURATION", "How long to wait for a port to accept (default: 500ms)."),
                    CommandSpec.Option.optional(
                            "--timeout",
                            "DURATION",
                            "How long a miner that accepted may take to answer (default: 3s)."),
                    CommandSpec.Option.optional("--parallelism", "N", "Probes at once (default: 256)."),
                    CommandSpec.Option.repeatable(
                            "--probe",
                            "TYPE:PORT",
                            "Try this API on this port instead of the usual ports; repeatable, e.g. --probe xmrig:18088.")));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Flags flags, PrintWriter out) throws InterruptedException {
        Duration connectTimeout = flags.duration("--connect-timeout", Duration.ofMillis(500));
        Duration timeout = flags.duration("--timeout", Duration.ofSeconds(3));
        int parallelism = flags.integer("--parallelism", 256);
        List<Scanner.Probe> probes = new ArrayList<>();
        for (String text : flags.texts("--probe")) {
            try {
                probes.add(Scanner.Probe.parse(text));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        List<Cidr> cidrs = new ArrayList<>();
        for (String range : flags.operands()) {
            try {
                cidrs.add(Cidr.parse(range));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (parallelism < 1 || parallelism > 4096) {
            throw new UsageException("--parallelism must be between 1 and 4096, got " + parallelism);
        }
        Scanner scanner = new Scanner(
                new MinerAdapters(),
                connectTimeout,
                timeout,
                parallelism,
                probes.isEmpty() ? Scanner.DEFAULT_PROBES : probes);
        long started = System.nanoTime();
        List<FoundMiner> found = scanner.scan(cidrs);
        out.printf("%-21s %-13s %-13s %-28s %s%n", "ADDRESS", "API", "TYPE", "MODEL", "FIRMWARE");
        for (FoundMiner miner : found) {
            out.printf(
                    "%-21s %-13s %-13s %-28s %s%n",
                    miner.endpoint().address(),
                    miner.endpoint().kind().configName(),
                    miner.type(),
                    orDash(miner.model()),
                    orDash(miner.firmware()));
        }
        out.printf("%d miners found in %s in %.1f s%n", found.size(), cidrs, (System.nanoTime() - started) / 1e9);
        out.flush();
        return ExitCodes.OK;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
