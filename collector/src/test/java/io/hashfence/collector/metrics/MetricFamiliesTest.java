package io.hashfence.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric families {@code /metrics} exports (names, types, label names, help texts) are a contract that
 * dashboards, the Prometheus rules and users' queries depend on: pinned in {@code metric-families.txt}, so that a
 * refactoring that renames or retypes one fails here, and a new family is added there on purpose.
 */
class MetricFamiliesTest {
    private static final Pattern HELP = Pattern.compile("# HELP (\\S+) ?(.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (\\S+)");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? \\S+");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
    /** The JVM and process families the shipped dashboards query, exported by Micrometer's binders. */
    private static final List<String> DASHBOARD_JVM_FAMILIES = List.of(
            "jvm_memory_used_bytes gauge",
            "jvm_memory_max_bytes gauge",
            "jvm_threads_live_threads gauge",
            "process_cpu_usage gauge");

    @TempDir
    Path dataDir;

    @Test
    void theExportedFamiliesAreThePinnedOnes() throws Exception {
        try (RunningCollector collector = new RunningCollector(dataDir);
                MqttTestClient agent = MqttTestClient.connect(
                        collector.mqtt(), MqttVersion.MQTT_5, "irkutsk-01", collector.addSite("irkutsk-01"))) {
            agent.connAck();
            agent.publish(
                    TestTelemetry.topic("irkutsk-01", "s19-0001"),
                    TestTelemetry.bytes(TestTelemetry.at("irkutsk-01", "s19-0001", 1, 52.29, 104.28)),
                    MqttQoS.AT_LEAST_ONCE);
            agent.await(MqttMessageType.PUBACK);
            Await.until(
                    "the rig's alert is open",
                    () -> MetricsScrape.sample(collector.http(), "hashfence_alerts_open{severity=\"critical\"}") == 1);

            String exposition = MetricsScrape.everyTarget(collector.http());
            Map<String, String> exported = families(exposition);
            Map<String, String> hashfence = new TreeMap<>(exported);
            hashfence.keySet().removeIf(name -> !name.startsWith("hashfence_"));

            assertThat(hashfence).containsExactlyEntriesOf(pinned());
            assertThat(exported.entrySet())
                    .extracting(e -> e.getKey() + " " + e.getValue().split(" ")[0])
                    .containsAll(DASHBOARD_JVM_FAMILIES);
        }
    }

    /** Each family of an exposition in text format 0.0.4: "type label,names help" by name. */
    private static Map<String, String> families(String exposition) {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            Matcher help = HELP.matcher(line);
            Matcher type = TYPE.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (help.matches()) {
                helps.put(help.group(1), help.group(2).strip());
            } else if (type.matches()) {
                types.put(type.group(1), type.group(2));
                labels.putIfAbsent(type.group(1), new TreeSet<>());
            } else if (sample.matches()) {
                Set<String> names = labels.get(family(sample.group(1), types.keySet()));
                Matcher label = LABEL.matcher(sample.group(3) == null ? "" : sample.group(3));
                while (label.find()) {
                    names.add(label.group(1));
                }
            }
        }
        Map<String, String> families = new TreeMap<>();
        types.forEach((name, type) -> {
            Set<String> names = labels.get(name);
            names.remove("le");
            families.put(
                    name,
                    (type + " " + (names.isEmpty() ? "-" : String.join(",", names)) + " "
                                    + helps.getOrDefault(name, ""))
                            .strip());
        });
        return families;
    }

    /** A histogram's samples are named FAMILY_bucket, _count and _sum. */
    private static String family(String sample, Set<String> families) {
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
            if (!families.contains(sample)
                    && sample.endsWith(suffix)
                    && families.contains(sample.substring(0, sample.length() - suffix.length()))) {
                return sample.substring(0, sample.length() - suffix.length());
            }
        }
        return sample;
    }

    private static Map<String, String> pinned() throws IOException {
        try (InputStream in = MetricFamiliesTest.class.getResourceAsStream("metric-families.txt")) {
            Map<String, String> pinned = new TreeMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] nameAndRest = line.split(" ", 2);
                    pinned.put(nameAndRest[0], nameAndRest[1].strip());
                }
            }
            return pinned;
        }
    }
}
