package io.hashfence.agent.cli;

import io.hashfence.agent.config.AgentConfig;
import io.hashfence.agent.config.ConfigLoader;
import io.hashfence.agent.config.MqttSettings;
import io.hashfence.agent.config.TlsSettings;
import io.hashfence.agent.config.ReconnectBackoff;
import io.hashfence.agent.config.SimulationSettings;
import io.hashfence.agent.config.SiteCredentials;
import io.hashfence.agent.run.Agent;
import io.hashfence.agent.simulate.FleetGenerator;
import io.hashfence.agent.simulate.FleetSummary;
import io.hashfence.agent.simulate.RigSpec;
import io.hashfence.agent.simulate.SimulatedFleet;
import io.hashfence.agent.simulate.SitesFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publish telemetry for a simulated fleet until stopped (Ctrl-C or SIGTERM).",
                "The fleet is deterministic for a seed; by default at least 5%% of its rigs sit in restricted places, "
                        + "Irkutsk Oblast among them."})
public final class SimulateCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(SimulateCommand.class);

    private final Map<String, String> environment;

    @Spec
    private CommandSpec spec;

    @Option(names = "--rigs", required = true, paramLabel = "N", description = "Number of simulated rigs.")
    private int rigs;

    @Option(names = "--site", paramLabel = "SITE", description = "Site id (the MQTT user name).")
    private String site;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Site token (the MQTT password); default: the environment variable " + ConfigLoader.ENV_TOKEN + ".")
    private String token;

    @Option(names = "--sites-file", paramLabel = "FILE",
            description = "Lines of SITE TOKEN; the rigs are dealt over these sites, one MQTT connection per site. Replaces --site and --token.")
    private Path sitesFile;

    @Option(names = "--collector", required = true, paramLabel = "URL",
            description = "Collector address: tcp://HOST:PORT, or ssl://HOST:PORT for TLS.")
    private String collector;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "Publish interval per rig, e.g. 10s, 500ms, 1m (default: ${DEFAULT-VALUE}).")
    private Duration interval;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + SimulationSettings.DEFAULT_SEED,
            description = "Seed of the fleet; the same seed gives the same rigs (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--restricted-share", paramLabel = "FRACTION", defaultValue = "" + SimulationSettings.DEFAULT_RESTRICTED_SHARE,
            description = "Least share of rigs placed in restricted places, 0 to 1 (default: ${DEFAULT-VALUE}).")
    private double restrictedShare;

    @Option(names = "--reconnect-min", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "First reconnect delay (default: ${DEFAULT-VALUE}).")
    private Duration reconnectMin;

    @Option(names = "--reconnect-max", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "Longest reconnect delay (default: ${DEFAULT-VALUE}).")
    private Duration reconnectMax;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "With an ssl:// collector: CA certificates (PEM) to trust instead of the JVM's.")
    private Path caFile;

    @Option(names = "--cert-file", paramLabel = "FILE", description = "Client certificate chain (PEM) for mutual TLS.")
    private Path certFile;

    @Option(names = "--key-file", paramLabel = "FILE", description = "Client certificate's PKCS#8 key (PEM).")
    private Path keyFile;

    public SimulateCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        AgentConfig.requirePublishInterval(interval);
        List<SiteCredentials> sites = sites();
        MqttSettings mqtt = MqttSettings.defaults(collector)
                .withReconnectBackoff(new ReconnectBackoff(reconnectMin, reconnectMax))
                .withTls(new TlsSettings(caFile, certFile, keyFile));
        List<RigSpec> fleet = FleetGenerator.generate(new SimulationSettings(rigs, seed, restrictedShare));
        log.info("{}", FleetSummary.describe(fleet));
        List<SimulatedFleet> fleets = SimulatedFleet.dealt(fleet, sites.size());
        List<Agent.Site> agentSites = new ArrayList<>(sites.size());
        for (int i = 0; i < sites.size(); i++) {
            agentSites.add(new Agent.Site(sites.get(i), AgentConfig.defaultClientId(sites.get(i)), fleets.get(i)));
        }
        UntilStopped.run(Agent.start(agentSites, interval, mqtt, Clock.systemUTC()));
        return ExitCodes.OK;
    }

    private List<SiteCredentials> sites() {
        if (sitesFile != null) {
            if (site != null || token != null) {
                throw new ParameterException(spec.commandLine(), "--sites-file cannot be combined with --site or --token");
            }
            return SitesFile.read(sitesFile);
        }
        if (site == null) {
            throw new ParameterException(spec.commandLine(), "Missing site: give --site SITE (or --sites-file FILE)");
        }
        String siteToken = token != null ? token : environment.get(ConfigLoader.ENV_TOKEN);
        if (siteToken == null || siteToken.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "Missing token: give --token TOKEN or set " + ConfigLoader.ENV_TOKEN);
        }
        return List.of(new SiteCredentials(SiteCredentials.siteId(site), siteToken));
    }
}
