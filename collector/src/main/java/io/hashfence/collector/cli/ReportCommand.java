package io.hashfence.collector.cli;

import io.hashfence.collector.config.StoreConfig;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.collector.report.BrokenChainException;
import io.hashfence.collector.report.FleetReportSource;
import io.hashfence.collector.report.PeriodParameters;
import io.hashfence.collector.report.Report;
import io.hashfence.collector.report.ReportFormat;
import io.hashfence.collector.report.ReportPeriod;
import io.hashfence.collector.report.ReportSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code report}: a compliance report over a period, from the verified event log, offline; with a shared store
 * ({@code store.url} in {@code --config}) from every collector's event log in it.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description =
                "Write a compliance report (per-rig jurisdictions and violations, fleet summary, chain head hash) "
                        + "built from the verified event log; with --config naming a store.url, from every "
                        + "collector's log in the shared store. Exit 1 if a log fails verification.")
public final class ReportCommand implements Callable<Integer> {
    private static final PeriodParameters PARAMETERS = new PeriodParameters("--from", "--to");

    @Spec
    CommandSpec spec;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "start of the period, RFC 3339, included (default: 30 days before --to)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "end of the period, RFC 3339, excluded (default: now)")
    String to;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "json",
            description = "json (default), csv or html")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "write the report here (default: standard output)")
    Path out;

    @Mixin
    DataDirFromConfigOptions dataDir;

    private final Clock clock;

    public ReportCommand() {
        this(Clock.systemUTC());
    }

    /** For tests: "now", the default end of the period, comes from this clock. */
    public ReportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        ReportPeriod period;
        try {
            period = PARAMETERS.parse(from, to, clock.instant());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ReportFormat chosen = ReportFormat.fromLabel(format)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(), "--format must be " + ReportFormat.choices() + ", got \"" + format + "\""));
        Optional<StoreConfig> store = dataDir.sharedStore();
        Report report;
        try {
            report = store.isPresent()
                    ? FleetReportSource.read(store.get(), period, clock.instant())
                    : ReportSource.read(localDataDir(), period, clock.instant());
        } catch (BrokenChainException e) {
            spec.commandLine().getErr().println("hashfence-collector report: " + e.getMessage());
            return 1;
        }
        byte[] bytes = chosen.render(report, new CollectorJson());
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(new String(bytes, StandardCharsets.UTF_8));
            stdout.flush();
        } else {
            try (OutputStream file = Files.newOutputStream(out)) {
                file.write(bytes);
            }
            spec.commandLine()
                    .getErr()
                    .printf(
                            "wrote the %s report for %s to %s to %s (chain head %s, record %d)%n",
                            chosen.label(),
                            period.from(),
                            period.to(),
                            out,
                            report.chain().hash(),
                            report.chain().seq());
        }
        return 0;
    }

    private Path localDataDir() throws IOException {
        Path dir = dataDir.resolve();
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "the data directory " + dir
                            + " is not a directory (set it with --data-dir, --config or HASHFENCE_DATA_DIR)");
        }
        return dir;
    }
}
