package io.hashfence.systemtest;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.testing.Await;
import io.hashfence.testing.PostgresExtension;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's HAProxy with the shipped config in front of collectors from the shipped jar on one shared store
 * (Debian's PostgreSQL), the simulated fleet connecting through HAProxy (docs/SCALING.md): each site lands on
 * one collector by its CONNECT user name and stays there; anything but an MQTT CONNECT is refused by HAProxy;
 * the collector reads the agent's address from HAProxy's PROXY v2 header; a collector killed with SIGKILL
 * loses its sites, and only its sites, to the others within 10 s.
 */
class HaproxyClusterIT {
    private static final int RIGS_PER_SITE = 3;
    /** Nine sites, each connecting as if from a public address in its country (PROXY header to HAProxy). */
    private static final Map<String, SiteAddress> SITES = sites(
            "texas-01 8.8.8.8 US",
            "texas-02 8.8.4.4 US",
            "texas-03 4.2.2.1 US",
            "quebec-01 24.114.0.1 CA",
            "quebec-02 24.114.0.2 CA",
            "norway-01 193.213.112.4 NO",
            "norway-02 193.213.112.5 NO",
            "moscow-01 77.88.8.8 RU",
            "moscow-02 77.88.8.1 RU");
    /** The longest a killed collector's site may take to publish through another one (issue #16). */
    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(10);

    /** One server for the class, each test with a database of its own. */
    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.trusted();

    @TempDir
    Path workDir;

    @Test
    void eachSiteLandsOnOneCollectorStaysThereAndKeepsTheAgentsAddress() throws Exception {
        try (CollectorCluster cluster =
                        CollectorCluster.start(workDir, postgres.jdbcUrl(), 3, List.copyOf(SITES.keySet()));
                Haproxy haproxy = Haproxy.start(workDir, cluster.servers(), true)) {
            Map<String, Set<String>> first;
            try (JarProcess fleet = simulateFleet(cluster, haproxy)) {
                first = awaitEverySiteOnOneCollector(cluster, fleet);
                assertThat(Set.copyOf(first.values()))
                        .as("the sites spread over more than one collector: " + first)
                        .hasSizeGreaterThan(1);
                for (CollectorCluster.Node node : cluster.nodes()) {
                    for (CollectorCluster.RigView rig : cluster.rigs(node)) {
                        assertThat(rig.ipCountry())
                                .as("IP evidence of " + rig.site() + "/" + rig.rig() + " on " + node.name()
                                        + ": the agent's address from HAProxy's PROXY v2 header, not HAProxy's")
                                .isEqualTo(SITES.get(rig.site()).country());
                    }
                }
            }
            Await.until(
                    "every rig is down after the fleet stopped",
                    () -> cluster.placement().isEmpty());
            try (JarProcess fleetAgain = simulateFleet(cluster, haproxy)) {
                assertThat(awaitEverySiteOnOneCollector(cluster, fleetAgain))
                        .as("each site reconnects to the collector it had")
                        .isEqualTo(first);
            }
        }
    }

    @Test
    void haproxyRefusesWhatIsNotAnMqttConnectBeforeACollectorSeesIt() throws Exception {
        try (CollectorCluster cluster = CollectorCluster.start(workDir, postgres.jdbcUrl(), 2, List.of("texas-01"));
                Haproxy haproxy = Haproxy.start(workDir, cluster.servers(), false)) {
            Await.until(
                    "both collectors are UP on the stats page",
                    () -> haproxy.serverStatus("collector-1").equals("UP")
                            && haproxy.serverStatus("collector-2").equals("UP"));
            // The readiness probe's empty connection was already denied: count from here.
            long deniedBefore =
                    Long.parseLong(haproxy.stats().get("mqtt,FRONTEND").get("dreq"));
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), haproxy.mqttPort())) {
                socket.setSoTimeout((int) Await.PATIENCE.toMillis());
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: hashfence\r\n\r\n".getBytes(US_ASCII));
                assertThat(socket.getInputStream().read())
                        .as("HAProxy closes the connection without an answer")
                        .isEqualTo(-1);
            }
            Map<String, Map<String, String>> stats = haproxy.stats();
            assertThat(Long.parseLong(stats.get("mqtt,FRONTEND").get("dreq")))
                    .as("the frontend denied the request")
                    .isEqualTo(deniedBefore + 1);
            assertThat(stats.get("collectors,BACKEND").get("stot"))
                    .as("no connection went to a collector")
                    .isEqualTo("0");
        }
    }

    @Test
    void aKilledCollectorsSitesMoveToTheOthersWithinTenSecondsAndOnlyItsSites() throws Exception {
        try (CollectorCluster cluster =
                        CollectorCluster.start(workDir, postgres.jdbcUrl(), 3, List.copyOf(SITES.keySet()));
                Haproxy haproxy = Haproxy.start(workDir, cluster.servers(), true);
                JarProcess fleet = simulateFleet(cluster, haproxy)) {
            Map<String, Set<String>> before = awaitEverySiteOnOneCollector(cluster, fleet);
            CollectorCluster.Node victim = cluster.nodes().stream()
                    .max((a, b) -> Long.compare(
                            sitesOf(before, a).size(), sitesOf(before, b).size()))
                    .orElseThrow();
            List<String> moving = sitesOf(before, victim);
            assertThat(moving).as("the victim has sites: " + before).isNotEmpty();

            Instant killed = Instant.now();
            victim.process().kill();
            Map<String, Set<String>> after = Await.value(
                    "the sites of " + victim.name() + " " + moving + " publish through another collector", () -> {
                        assertThat(fleet.isAlive()).as(fleet.stderr()).isTrue();
                        return publishingSinceOnOneCollector(cluster, killed);
                    });
            Duration failover = Duration.between(killed, Instant.now());

            assertThat(failover)
                    .as("time from the SIGKILL until every one of its sites published through another collector")
                    .isLessThanOrEqualTo(FAILOVER_LIMIT);
            for (String site : SITES.keySet()) {
                if (moving.contains(site)) {
                    assertThat(after.get(site)).as(site).doesNotContain(victim.name());
                } else {
                    assertThat(after.get(site))
                            .as(site + " was not on the killed collector: it stays")
                            .isEqualTo(before.get(site));
                }
            }
            assertThat(haproxy.log()).contains("Server collectors/" + victim.name() + " is DOWN");
        }
    }

    private JarProcess simulateFleet(CollectorCluster cluster, Haproxy haproxy) throws Exception {
        Path sitesFile = workDir.resolve("sites.txt");
        List<String> lines = new ArrayList<>();
        SITES.forEach(
                (site, address) -> lines.add(site + " " + cluster.token(site) + " proxy-from=" + address.address()));
        Files.write(sitesFile, lines);
        return JarProcess.start(
                JarProcess.agentJar(),
                workDir,
                Map.of(),
                "simulate",
                "--rigs",
                String.valueOf(RIGS_PER_SITE * SITES.size()),
                "--sites-file",
                sitesFile.toString(),
                "--collector",
                "tcp://127.0.0.1:" + haproxy.mqttPort(),
                "--interval",
                "1s",
                "--seed",
                "16");
    }

    /** Waits until every rig of every site is up, each site on one collector, and returns where each is. */
    private static Map<String, Set<String>> awaitEverySiteOnOneCollector(CollectorCluster cluster, JarProcess fleet)
            throws InterruptedException {
        return Await.value("every site's rigs up, each site on one collector", () -> {
            assertThat(fleet.isAlive()).as(fleet.stderr()).isTrue();
            return publishingSinceOnOneCollector(cluster, Instant.EPOCH);
        });
    }

    /**
     * Where each site is once all its rigs are up on one running collector, each seen after {@code since};
     * empty while some site is not there yet.
     */
    private static Optional<Map<String, Set<String>>> publishingSinceOnOneCollector(
            CollectorCluster cluster, Instant since) throws Exception {
        Map<String, Set<String>> placement = new TreeMap<>();
        Map<String, Integer> freshRigs = new TreeMap<>();
        for (CollectorCluster.Node node : cluster.nodes()) {
            if (!node.process().isAlive()) {
                continue;
            }
            for (CollectorCluster.RigView rig : cluster.rigs(node)) {
                if (rig.up() && rig.lastSeen().isAfter(since)) {
                    placement
                            .computeIfAbsent(rig.site(), site -> new java.util.TreeSet<>())
                            .add(node.name());
                    freshRigs.merge(rig.site(), 1, Integer::sum);
                }
            }
        }
        boolean settled = placement.keySet().equals(SITES.keySet())
                && placement.values().stream().allMatch(where -> where.size() == 1)
                && freshRigs.values().stream().allMatch(count -> count == RIGS_PER_SITE);
        return settled ? Optional.of(placement) : Optional.empty();
    }

    private static List<String> sitesOf(Map<String, Set<String>> placement, CollectorCluster.Node node) {
        return placement.entrySet().stream()
                .filter(entry -> entry.getValue().contains(node.name()))
                .map(Map.Entry::getKey)
                .toList();
    }

    private record SiteAddress(String address, String country) {}

    private static Map<String, SiteAddress> sites(String... lines) {
        Map<String, SiteAddress> sites = new TreeMap<>();
        for (String line : lines) {
            String[] fields = line.split(" ");
            sites.put(fields[0], new SiteAddress(fields[1], fields[2]));
        }
        return sites;
    }
}
