package io.hashfence.agent.cli;

import io.hashfence.agent.config.AgentConfig;
import io.hashfence.agent.config.CommandLineOverrides;
import io.hashfence.agent.config.ConfigLoader;
import io.hashfence.agent.run.Agent;
import io.hashfence.agent.run.RigSources;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the site agent with a YAML config file until stopped (Ctrl-C or SIGTERM).")
public final class RunCommand implements Callable<Integer> {
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
    public Integer call() throws InterruptedException {
        AgentConfig config = new ConfigLoader(environment).load(configFile, new CommandLineOverrides(collector, interval));
        try (RigSources rigs = RigSources.open(config, Clock.systemUTC())) {
            Agent.Site site = new Agent.Site(config.credentials(), config.clientId(), rigs.source());
            UntilStopped.run(Agent.start(List.of(site), config.publishInterval(), config.mqtt(),
                    Optional.of(config.outbox()), Clock.systemUTC()));
        }
        return ExitCodes.OK;
    }
}
