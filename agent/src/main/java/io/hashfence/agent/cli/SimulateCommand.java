package io.hashfence.agent.cli;

import io.hashfence.agent.config.AgentConfig;
import io.hashfence.agent.config.ConfigLoader;
import io.hashfence.agent.config.MqttSettings;
import io.hashfence.agent.config.ReconnectBackoff;
import io.hashfence.agent.config.SimulationSettings;
import io.hashfence.agent.config.SiteCredentials;
import io.hashfence.agent.config.TlsSettings;
import io.hashfence.agent.run.Agent;
import io.hashfence.agent.simulate.FleetGenerator;
import io.hashfence.agent.simulate.FleetSummary;
import io.hashfence.agent.simulate.RigSpec;
import io.hashfence.agent.simulate.SimulatedFleet;
import io.hashfence.agent.simulate.SimulatedSite;
import io.hashfence.agent.simulate.SitesFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class SimulateCommand implements AgentCommand {
    private static final Logger log = LoggerFactory.getLogger(SimulateCommand.class);
    private static final CommandSpec SPEC = new CommandSpec(
            "simulate",
            "Publish telemetry for a simulated fleet until stopped (Ctrl-C or SIGTERM). The fleet is deterministic for a"
                    + " seed; by default at least 5% of its rigs sit in restricted places, Irkutsk Oblast among them.",
            null,
            List.of(
                    CommandSpec.Option.required("--rigs", "N", "Number of simulated rigs."),
                    CommandSpec.Option.optional("--site", "SITE", "Site id (the MQTT user name)."),
                    CommandSpec.Option.optional(
                            "--token",
                            "TOKEN",
                            "Site token (the MQTT password); default: the" + " environment variable "
                                    + ConfigLoader.ENV_TOKEN + "."),
                    CommandSpec.Option.optional(
                            "--sites-file",
                            "FILE",
                            "Lines of SITE TOKEN [area=SLUG]"
                                    + " [proxy-from=ADDRESS] [teleport-from=SLUG] [payout-to=ADDRESS] [pool-at=ADDRESS];"
                                    + " the rigs are dealt over these sites, one"
                                    + " MQTT connection per site. area= places the site's rigs outside restricted places"
                                    + " there; proxy-from= sends a PROXY protocol v2 header naming ADDRESS (a site behind a"
                                    + " load balancer); teleport-from= makes the site's first rig claim that area first;"
                                    + " payout-to= makes one rig (picked by the seed) pay out to that wallet address;"
                                    + " pool-at= puts the next rig's active pool at that IP address."
                                    + " Replaces --site and --token."),
                    CommandSpec.Option.required(
                            "--collector", "URL", "Collector address: tcp://HOST:PORT, or ssl://HOST:PORT for TLS."),
                    CommandSpec.Option.optional(
                            "--interval", "DURATION", "Publish interval per rig, e.g. 10s, 500ms, 1m (default: 10s)."),
                    CommandSpec.Option.optional(
                            "--seed",
                            "S",
                            "Seed of the fleet; the same seed gives the same rigs" + " (default: "
                                    + SimulationSettings.DEFAULT_SEED + ")."),
                    CommandSpec.Option.optional(
                            "--restricted-share",
                            "FRACTION",
                            "Least share of rigs placed in" + " restricted places, 0 to 1 (default: "
                                    + SimulationSettings.DEFAULT_RESTRICTED_SHARE + ")."),
                    CommandSpec.Option.optional("--reconnect-min", "DURATION", "First reconnect delay (default: 1s)."),
                    CommandSpec.Option.optional(
                            "--reconnect-max", "DURATION", "Longest reconnect delay (default: 60s)."),
                    CommandSpec.Option.optional(
                            "--ca-file",
                            "FILE",
                            "With an ssl:// collector: CA certificates (PEM) to trust instead of the JVM's."),
                    CommandSpec.Option.optional(
                            "--cert-file", "FILE", "Client certificate chain (PEM) for mutual TLS."),
                    CommandSpec.Option.optional("--key-file", "FILE", "Client certificate's PKCS#8 key (PEM).")));

    private final Map<String, String> environment;

    public SimulateCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Flags flags, PrintWriter out) {
        Duration interval = flags.duration("--interval", Duration.ofSeconds(10));
        AgentConfig.requirePublishInterval(interval);
        List<SimulatedSite> sites = sites(flags);
        MqttSettings mqtt = MqttSettings.defaults(flags.text("--collector"))
                .withReconnectBackoff(new ReconnectBackoff(
                        flags.duration("--reconnect-min", Duration.ofSeconds(1)),
                        flags.duration("--reconnect-max", Duration.ofSeconds(60))))
                .withTls(new TlsSettings(flags.path("--ca-file"), flags.path("--cert-file"), flags.path("--key-file")));
        long seed = flags.longInteger("--seed", SimulationSettings.DEFAULT_SEED);
        List<RigSpec> fleet = FleetGenerator.generate(new SimulationSettings(
                flags.integer("--rigs", 0),
                seed,
                flags.decimal("--restricted-share", SimulationSettings.DEFAULT_RESTRICTED_SHARE)));
        List<List<RigSpec>> shares = SimulatedFleet.shares(fleet, sites.size());
        List<RigSpec> staged = new ArrayList<>(fleet.size());
        List<Agent.Site> agentSites = new ArrayList<>(sites.size());
        for (int i = 0; i < sites.size(); i++) {
            SimulatedSite site = sites.get(i);
            List<RigSpec> share = site.stage(shares.get(i), seed);
            staged.addAll(share);
            if (site.proxyFrom() != null && mqtt.usesTls()) {
                throw new UsageException("proxy-from= in the sites file needs a tcp:// collector");
            }
            agentSites.add(new Agent.Site(
                    site.credentials(),
                    AgentConfig.defaultClientId(site.credentials()),
                    SimulatedFleet.of(share),
                    site.proxyFrom()));
        }
        log.info("{}", FleetSummary.describe(staged));
        UntilStopped.run(Agent.start(agentSites, interval, mqtt, Clock.systemUTC()));
        return ExitCodes.OK;
    }

    @Override
    public List<String> missing(Flags flags) {
        if (flags.text("--sites-file") != null) {
            return List.of();
        }
        List<String> missing = new ArrayList<>();
        if (flags.text("--site") == null) {
            missing.add("'--site SITE' (or --sites-file FILE)");
        }
        String token = token(flags);
        if (token == null || token.isBlank()) {
            missing.add("'--token TOKEN' (or set " + ConfigLoader.ENV_TOKEN + ")");
        }
        return missing;
    }

    private String token(Flags flags) {
        String token = flags.text("--token");
        return token != null ? token : environment.get(ConfigLoader.ENV_TOKEN);
    }

    private List<SimulatedSite> sites(Flags flags) {
        Path sitesFile = flags.path("--sites-file");
        if (sitesFile != null) {
            if (flags.text("--site") != null || flags.text("--token") != null) {
                throw new UsageException("--sites-file cannot be combined with --site or --token");
            }
            return SitesFile.read(sitesFile);
        }
        return List.of(
                SimulatedSite.plain(new SiteCredentials(SiteCredentials.siteId(flags.text("--site")), token(flags))));
    }
}
