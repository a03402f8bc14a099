package io.hashfence.agent.cli;

import io.hashfence.agent.config.AgentConfig;
import io.hashfence.agent.config.CommandLineOverrides;
import io.hashfence.agent.config.ConfigLoader;
import io.hashfence.agent.run.Agent;
import io.hashfence.agent.simulate.FleetGenerator;
import io.hashfence.agent.simulate.FleetSummary;
import io.hashfence.agent.simulate.RigSpec;
import io.hashfence.agent.simulate.SimulatedFleet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the site agent with a YAML config file until stopped (Ctrl-C or SIGTERM).")
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    private final Map<String, String> environment;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML config file (see agent/README.md).")
    private Path configFile;

    @Option(names = "--collector", paramLabel = "URL", description = "Overrides collector: tcp://HOST:PORT.")
    private String collector;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Overrides publish_interval, e.g. 10s, 500ms, 1m.")
    private Duration interval;

    public RunCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        AgentConfig config = new ConfigLoader(environment).load(configFile, new CommandLineOverrides(collector, interval));
        List<RigSpec> fleet = FleetGenerator.generate(config.simulate());
        log.info("{}", FleetSummary.describe(fleet));
        SimulatedFleet rigs = SimulatedFleet.of(fleet);
        Agent.Site site = new Agent.Site(config.credentials(), config.clientId(), rigs);
        UntilStopped.run(Agent.start(List.of(site), config.publishInterval(), config.mqtt(), Clock.systemUTC()));
        return ExitCodes.OK;
    }
}
