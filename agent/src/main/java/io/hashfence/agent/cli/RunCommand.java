package io.hashfence.agent.cli;

import io.hashfence.agent.config.AgentConfig;
import io.hashfence.agent.config.CommandLineOverrides;
import io.hashfence.agent.config.ConfigLoader;
import io.hashfence.agent.run.Agent;
import io.hashfence.agent.run.RigSources;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class RunCommand implements AgentCommand {
    private static final CommandSpec SPEC = new CommandSpec(
            "run",
            "Run the site agent with a YAML config file until stopped (Ctrl-C or SIGTERM).",
            null,
            List.of(
                    CommandSpec.Option.required("--config", "FILE", "YAML config file (see agent/README.md)."),
                    CommandSpec.Option.optional("--collector", "URL", "Overrides collector: tcp://HOST:PORT."),
                    CommandSpec.Option.optional(
                            "--interval", "DURATION", "Overrides publish_interval, e.g. 10s, 500ms, 1m.")));

    private final Map<String, String> environment;

    public RunCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Flags flags, PrintWriter out) throws InterruptedException {
        AgentConfig config = new ConfigLoader(environment)
                .load(
                        flags.path("--config"),
                        new CommandLineOverrides(flags.text("--collector"), flags.duration("--interval", null)));
        try (RigSources rigs = RigSources.open(config, Clock.systemUTC())) {
            Agent.Site site = new Agent.Site(config.credentials(), config.clientId(), rigs.source());
            UntilStopped.run(Agent.start(
                    List.of(site),
                    config.publishInterval(),
                    config.mqtt(),
                    Optional.of(config.outbox()),
                    Clock.systemUTC()));
        }
        return ExitCodes.OK;
    }
}
