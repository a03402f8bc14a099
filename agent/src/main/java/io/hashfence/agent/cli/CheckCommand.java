package io.hashfence.agent.cli;

import io.hashfence.agent.config.AgentConfig;
import io.hashfence.agent.config.CommandLineOverrides;
import io.hashfence.agent.config.ConfigLoader;
import io.hashfence.agent.config.LocationSettings;
import io.hashfence.agent.config.MinerSettings;
import io.hashfence.agent.discover.FoundMiner;
import io.hashfence.agent.discover.Scanner;
import io.hashfence.agent.location.LocationProvider;
import io.hashfence.agent.miner.MinerAdapters;
import io.hashfence.agent.miner.MinerEndpoint;
import io.hashfence.agent.miner.MinerException;
import io.hashfence.agent.miner.MinerSnapshot;
import io.hashfence.agent.power.PowerMeter;
import io.hashfence.agent.power.PowerMeterException;
import io.hashfence.agent.run.RigSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

public final class CheckCommand implements AgentCommand {
    private static final CommandSpec SPEC = new CommandSpec(
            "check",
            "Test each configured miner, power meter, location source, the outbox and the collector connection;"
                    + " print what works and what to fix. Exit code 0 when everything works, 1 otherwise.",
            null,
            List.of(CommandSpec.Option.required("--config", "FILE", "YAML config file (see agent/README.md).")));
    private static final Duration GPS_FIX_WAIT = Duration.ofSeconds(10);

    private final Map<String, String> environment;

    private PrintWriter out;
    private int failures;

    public CheckCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Flags flags, PrintWriter out) throws InterruptedException {
        this.out = out;
        Path configFile = flags.path("--config");
        AgentConfig config = new ConfigLoader(environment).load(configFile, new CommandLineOverrides(null, null));
        ok("config", configFile + " is valid (site " + config.credentials().site() + ")");
        config.miners().ifPresent(miners -> checkMiners(miners));
        if (config.simulate().isPresent()) {
            ok("rigs", "simulated fleet of " + config.simulate().get().rigs() + " rigs");
        }
        checkPower(RigSources.meter(config.power()));
        checkLocation(config.location());
        checkOutbox(config.outbox().directory());
        checkCollector(config);
        out.println(failures == 0 ? "all checks passed" : failures + " check(s) failed");
        out.flush();
        return failures == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private void checkMiners(MinerSettings miners) {
        MinerAdapters adapters = new MinerAdapters();
        for (MinerEndpoint endpoint : miners.miners()) {
            try {
                MinerSnapshot snapshot = adapters.forKind(endpoint.kind())
                        .read(endpoint, miners.poll().timeout());
                ok(
                        "miner " + endpoint,
                        snapshot.type() + (snapshot.model() == null ? "" : " " + snapshot.model())
                                + ", " + snapshot.status().wireName() + ", " + formatHashrate(snapshot.hashrate())
                                + (snapshot.powerWatts() == null
                                        ? ", no power figure from the miner"
                                        : ", " + Math.round(snapshot.powerWatts()) + " W"));
            } catch (MinerException e) {
                fail(
                        "miner " + endpoint,
                        e.getMessage(),
                        e.problem() == MinerException.Problem.UNREACHABLE
                                ? "check the address and port, that the miner is on, and that its API is enabled and open to"
                                        + " this host (cgminer/bmminer: api-listen and api-allow; Whatsminer: enable the API)"
                                : "check the miner type: setting ("
                                        + endpoint.kind().configName() + ") matches the software");
            }
        }
        if (!miners.discoveryRanges().isEmpty()) {
            try {
                Scanner scanner = new Scanner(
                        adapters, Duration.ofMillis(500), miners.poll().timeout(), 256);
                var found = scanner.scan(miners.discoveryRanges());
                if (found.isEmpty()) {
                    fail(
                            "discovery " + miners.discoveryRanges(),
                            "no miner answered",
                            "check the ranges and that the miners' APIs are enabled");
                } else {
                    StringBuilder list = new StringBuilder();
                    for (FoundMiner miner : found) {
                        list.append(list.length() == 0 ? "" : ", ")
                                .append(miner.endpoint().address())
                                .append(' ')
                                .append(miner.type());
                    }
                    ok("discovery " + miners.discoveryRanges(), found.size() + " miners: " + list);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void checkPower(Optional<PowerMeter> meter) throws InterruptedException {
        if (meter.isEmpty()) {
            ok("power meter", "none configured; miners' own figures, else nameplate estimates");
            return;
        }
        String name = "power meter " + meter.get().source().wireName();
        try {
            OptionalDouble watts = meter.get().readWatts();
            if (watts.isEmpty()) {
                Thread.sleep(1000);
                watts = meter.get().readWatts();
            }
            if (watts.isPresent()) {
                ok(name, String.format("%.1f W", watts.getAsDouble()));
            } else {
                fail(name, "no reading", "try again; the meter needs two samples");
            }
        } catch (PowerMeterException e) {
            fail(name, e.getMessage(), "choose another power.meter, or none to rely on estimates");
        }
    }

    private void checkLocation(LocationSettings settings) throws InterruptedException {
        try (LocationProvider location = RigSources.location(settings, Clock.systemUTC())) {
            if (settings instanceof LocationSettings.None) {
                ok("location", "none configured; the collector cannot place these rigs");
                return;
            }
            long deadline = System.nanoTime() + GPS_FIX_WAIT.toNanos();
            while (location.current().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            if (location.current().isPresent()) {
                ok("location", location.describe());
            } else {
                fail("location", location.describe(), "check that gpsd runs and the receiver has a view of the sky");
            }
        }
    }

    private void checkOutbox(Path directory) {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, "check", ".tmp");
            Files.delete(probe);
            ok("outbox", directory.toAbsolutePath() + " is writable");
        } catch (IOException e) {
            fail(
                    "outbox",
                    "cannot write to " + directory.toAbsolutePath() + ": " + e.getMessage(),
                    "create the directory and give the agent's user write access, or set outbox.directory");
        }
    }

    private void checkCollector(AgentConfig config) {
        String name = "collector " + config.mqtt().collector();
        try {
            MqttClient client =
                    new MqttClient(config.mqtt().collector(), config.clientId() + "-check", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(config.credentials().site().value());
            options.setPassword(config.credentials().token().getBytes(StandardCharsets.UTF_8));
            options.setCleanStart(true);
            options.setConnectionTimeout((int) config.mqtt().connectTimeout().toSeconds());
            try {
                client.connect(options);
                client.disconnect();
                ok(
                        name,
                        "connected and authenticated as site "
                                + config.credentials().site());
            } finally {
                client.close(true);
            }
        } catch (MqttException e) {
            int reason = e.getReasonCode();
            boolean credentials = reason == 0x86 || reason == 0x87 || reason == 4 || reason == 5;
            fail(
                    name,
                    e.getMessage()
                            + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"),
                    credentials
                            ? "the collector refused site and token: check site and HASHFENCE_TOKEN (printed by"
                                    + " hashfence-collector sites add)"
                            : "check the collector address and that it is running");
        }
    }

    private static String formatHashrate(double hashesPerSecond) {
        String[] units = {"H/s", "kH/s", "MH/s", "GH/s", "TH/s", "PH/s"};
        double value = hashesPerSecond;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format("%.2f %s", value, units[unit]);
    }

    private void ok(String what, String detail) {
        out.println("ok    " + what + ": " + detail);
    }

    private void fail(String what, String problem, String fix) {
        failures++;
        out.println("FAIL  " + what + ": " + problem);
        out.println("      fix: " + fix);
    }
}
