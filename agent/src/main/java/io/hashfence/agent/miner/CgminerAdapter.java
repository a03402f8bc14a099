package io.hashfence.agent.miner;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.protocol.Fan;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.Temperature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cgminer-style API on TCP 4028, for every firmware that speaks it: {@code version} tells the family,
 * model and firmware; {@code summary} the hashrate; {@code pools} the pools; temperatures and fans come from
 * {@code stats}/{@code devs} (Braiins OS and LuxOS: {@code temps}/{@code fans}; Avalon: {@code estats}); power
 * from Braiins {@code tunerstatus}, LuxOS {@code power}, Avalon {@code WALLPOWER} and Whatsminer's summary.
 */
public final class CgminerAdapter implements MinerAdapter {
    private static final Pattern STATS_TEMPERATURE = Pattern.compile("temp(\\d+|_chip\\d+|2_\\d+|_pcb\\d+|_pic\\d+)");
    private static final Pattern STATS_FAN = Pattern.compile("fan(\\d+)");
    private static final Pattern AVALON_FIELD = Pattern.compile("(\\w+)\\[([^\\]]*)]");

    private final CgminerClient client;

    public CgminerAdapter() {
        this.client = new CgminerClient();
    }

    /** Who answers on this endpoint: family, model and firmware from {@code version}. */
    record Identity(CgminerFamily family, String model, String firmware) {}

    @Override
    public MinerSnapshot read(MinerEndpoint endpoint, Duration timeout) throws MinerException {
        Deadline deadline = Deadline.after(timeout);
        JsonNode summaryReply = command(endpoint, "summary", deadline);
        JsonNode summary = first(summaryReply, "SUMMARY");
        if (summary == null) {
            throw new MinerException(
                    MinerException.Problem.GARBLED,
                    endpoint.address() + ": summary reply has no SUMMARY: "
                            + CgminerClient.abbreviate(summaryReply.toString()));
        }
        Identity identity = identify(endpoint, summary, deadline);
        double hashrate = Readings.hashrate(summary).orElse(0);
        List<Temperature> temperatures = new ArrayList<>();
        List<Fan> fans = new ArrayList<>();
        Double power = null;
        switch (identity.family()) {
            case BRAIINS, LUXOS -> {
                temperaturesFromTemps(optional(endpoint, "temps", deadline), temperatures);
                fansFromFans(optional(endpoint, "fans", deadline), fans);
                power = identity.family() == CgminerFamily.BRAIINS
                        ? positive(Readings.number(
                                first(optional(endpoint, "tunerstatus", deadline), "TUNERSTATUS"),
                                "ApproximateMinerPowerConsumption"))
                        : positive(Readings.number(first(optional(endpoint, "power", deadline), "POWER"), "Watts"));
            }
            case AVALON -> power = fromAvalonEstats(optional(endpoint, "estats", deadline), temperatures, fans);
            case WHATSMINER -> {
                power = positive(Readings.number(summary, "Power"));
                addTemperature(temperatures, "board", Readings.number(summary, "Temperature"));
                addFan(fans, "fan_in", Readings.number(summary, "Fan Speed In"));
                addFan(fans, "fan_out", Readings.number(summary, "Fan Speed Out"));
                temperaturesFromDevs(optional(endpoint, "devs", deadline), temperatures, fans);
            }
            default -> {
                fromStats(optional(endpoint, "stats", deadline), temperatures, fans);
                if (temperatures.isEmpty() && fans.isEmpty()) {
                    temperaturesFromDevs(optional(endpoint, "devs", deadline), temperatures, fans);
                }
            }
        }
        List<Pool> pools = pools(optional(endpoint, "pools", deadline));
        MinerStatus status = status(summaryReply, hashrate);
        return new MinerSnapshot(
                identity.family().wireType(),
                identity.model(),
                identity.firmware(),
                status,
                hashrate,
                power,
                temperatures,
                fans,
                pools);
    }

    private Identity identify(MinerEndpoint endpoint, JsonNode summary, Deadline deadline) throws MinerException {
        Identity identity = identifyFamily(endpoint, summary, deadline);
        if (identity.model() != null || identity.family() == CgminerFamily.WHATSMINER) {
            return identity;
        }
        // Braiins OS and some cgminer builds name the model only in devdetails.
        String model = Readings.text(first(optional(endpoint, "devdetails", deadline), "DEVDETAILS"), "Model");
        return new Identity(identity.family(), model, identity.firmware());
    }

    private Identity identifyFamily(MinerEndpoint endpoint, JsonNode summary, Deadline deadline) throws MinerException {
        JsonNode reply = optional(endpoint, "version", deadline);
        JsonNode version = first(reply, "VERSION");
        String description = Readings.text(first(reply, "STATUS"), "Description");
        String model = Readings.text(version, "Type");
        if (summary != null && (summary.has("Power Limit") || summary.has("HS RT") || summary.has("Power"))
                || version != null && version.has("BTMiner")) {
            JsonNode details = first(optional(endpoint, "devdetails", deadline), "DEVDETAILS");
            String whatsminerModel = Readings.text(details, "Model");
            return new Identity(
                    CgminerFamily.WHATSMINER,
                    whatsminerModel == null ? null : "Whatsminer " + whatsminerModel.toUpperCase(Locale.ROOT),
                    Readings.text(version, "BTMiner"));
        }
        if (version == null) {
            return new Identity(CgminerFamily.CGMINER, null, description);
        }
        if (version.has("BOSminer") || version.has("BOSer")) {
            String firmware = Readings.text(version, version.has("BOSer") ? "BOSer" : "BOSminer");
            return new Identity(CgminerFamily.BRAIINS, model, firmware);
        }
        if (version.has("LUXminer")) {
            return new Identity(CgminerFamily.LUXOS, model, Readings.text(version, "LUXminer"));
        }
        if (version.has("BMMiner")) {
            String firmware = Readings.text(version, "CompileTime");
            return new Identity(
                    CgminerFamily.BMMINER, model, firmware == null ? Readings.text(version, "BMMiner") : firmware);
        }
        if (version.has("BFGMiner")) {
            return new Identity(CgminerFamily.BFGMINER, model, Readings.text(version, "BFGMiner"));
        }
        if (version.has("PROD") || version.has("MODEL") && description != null) {
            String product = Readings.text(version, "PROD");
            return new Identity(
                    CgminerFamily.AVALON,
                    product == null ? "Avalon " + Readings.text(version, "MODEL") : product,
                    Readings.text(version, "CGMiner"));
        }
        if (description != null && description.toLowerCase(Locale.ROOT).startsWith("teamredminer")) {
            return new Identity(CgminerFamily.TEAMREDMINER, model, description);
        }
        return new Identity(CgminerFamily.CGMINER, model, Readings.text(version, "CGMiner"));
    }

    /** A command whose failure must fail the poll; falls back to the plain-text API when the JSON reply is garbled. */
    private JsonNode command(MinerEndpoint endpoint, String command, Deadline deadline) throws MinerException {
        try {
            return client.command(endpoint, command, deadline);
        } catch (MinerException e) {
            if (e.problem() != MinerException.Problem.GARBLED) {
                throw e;
            }
            try {
                return client.textCommand(endpoint, command, deadline);
            } catch (MinerException textFailed) {
                throw e;
            }
        }
    }

    /** A command that adds detail; an unreachable miner still fails the poll, a refused or odd reply answers null. */
    private JsonNode optional(MinerEndpoint endpoint, String command, Deadline deadline) throws MinerException {
        try {
            JsonNode reply = command(endpoint, command, deadline);
            JsonNode status = first(reply, "STATUS");
            return "E".equals(Readings.text(status, "STATUS")) ? null : reply;
        } catch (MinerException e) {
            if (e.problem() == MinerException.Problem.UNREACHABLE) {
                throw e;
            }
            return null;
        }
    }

    private static JsonNode first(JsonNode reply, String section) {
        if (reply == null) {
            return null;
        }
        JsonNode node = reply.get(section);
        if (node == null) {
            return null;
        }
        return node.isArray() ? (node.isEmpty() ? null : node.get(0)) : node;
    }

    private static MinerStatus status(JsonNode summaryReply, double hashrate) {
        String status = Readings.text(first(summaryReply, "STATUS"), "STATUS");
        if ("E".equals(status) || "F".equals(status)) {
            return MinerStatus.ERROR;
        }
        return hashrate > 0 ? MinerStatus.MINING : MinerStatus.IDLE;
    }

    private static List<Pool> pools(JsonNode reply) {
        List<Pool> pools = new ArrayList<>();
        if (reply == null || !(reply.get("POOLS") instanceof com.fasterxml.jackson.databind.node.ArrayNode list)) {
            return pools;
        }
        boolean anyStratumActive = false;
        for (JsonNode pool : list) {
            anyStratumActive |= isTrue(pool.get("Stratum Active"));
        }
        boolean firstAlive = true;
        for (JsonNode pool : list) {
            String url = Readings.text(pool, "URL");
            if (url == null || pools.size() == 16) {
                continue;
            }
            boolean alive = "Alive".equalsIgnoreCase(Readings.text(pool, "Status"));
            boolean active = anyStratumActive ? isTrue(pool.get("Stratum Active")) : alive && firstAlive;
            firstAlive &= !alive;
            String user = Readings.text(pool, "User");
            pools.add(new Pool(url, user == null ? "" : user, active));
        }
        return pools;
    }

    private static boolean isTrue(JsonNode node) {
        return node != null && (node.isBoolean() ? node.booleanValue() : "true".equalsIgnoreCase(node.asText()));
    }

    /** bmminer/cgminer {@code stats}: flat {@code temp1}, {@code temp2_1}, {@code temp_chip1}, {@code fan1} keys. */
    private static void fromStats(JsonNode reply, List<Temperature> temperatures, List<Fan> fans) {
        if (reply == null || !reply.path("STATS").isArray()) {
            return;
        }
        for (JsonNode stats : reply.get("STATS")) {
            var fields = stats.properties().iterator();
            while (fields.hasNext()) {
                var field = fields.next();
                if (STATS_TEMPERATURE.matcher(field.getKey()).matches()) {
                    OptionalDouble value = Readings.number(field.getValue());
                    if (value.isEmpty() && field.getValue().isTextual()) {
                        value = maxOfDashed(field.getValue().asText());
                    }
                    addTemperature(temperatures, field.getKey(), value);
                } else if (STATS_FAN.matcher(field.getKey()).matches()) {
                    addFan(fans, field.getKey(), Readings.number(field.getValue()));
                }
            }
        }
    }

    /** Newer bmminer writes chip temperatures as {@code "62-62-70-70"}; the hottest sensor counts. */
    private static OptionalDouble maxOfDashed(String text) {
        double max = Double.NaN;
        for (String part : text.split("-")) {
            try {
                double value = Double.parseDouble(part.trim());
                max = Double.isNaN(max) ? value : Math.max(max, value);
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return Double.isNaN(max) ? OptionalDouble.empty() : OptionalDouble.of(max);
    }

    private static void temperaturesFromDevs(JsonNode reply, List<Temperature> temperatures, List<Fan> fans) {
        if (reply == null || !reply.path("DEVS").isArray()) {
            return;
        }
        for (JsonNode device : reply.get("DEVS")) {
            String name = deviceName(device);
            addTemperature(temperatures, name, Readings.number(device, "Temperature"));
            addTemperature(temperatures, name + "_chip", Readings.number(device, "Chip Temp Avg"));
            addFan(fans, name, Readings.number(device, "Fan Speed"));
        }
    }

    private static String deviceName(JsonNode device) {
        for (String kind : List.of("GPU", "ASC", "PGA")) {
            if (device.has(kind)) {
                return kind.toLowerCase(Locale.ROOT) + device.get(kind).asText();
            }
        }
        return "dev"
                + device.path("ID").asText(String.valueOf(device.path("Slot").asText("0")));
    }

    private static void temperaturesFromTemps(JsonNode reply, List<Temperature> temperatures) {
        if (reply == null || !reply.path("TEMPS").isArray()) {
            return;
        }
        for (JsonNode temp : reply.get("TEMPS")) {
            String id = temp.path("ID").asText("0");
            addTemperature(temperatures, "board" + id, Readings.number(temp, "Board"));
            addTemperature(temperatures, "chip" + id, Readings.number(temp, "Chip"));
        }
    }

    private static void fansFromFans(JsonNode reply, List<Fan> fans) {
        if (reply == null || !reply.path("FANS").isArray()) {
            return;
        }
        for (JsonNode fan : reply.get("FANS")) {
            addFan(fans, "fan" + fan.path("ID").asText("0"), Readings.number(fan, "RPM"));
        }
    }

    /**
     * Avalon {@code estats}: each {@code MM ID<n>} value is one string of {@code Key[value]} pairs, e.g.
     * {@code Temp[29] TMax[84] Fan1[2820] WALLPOWER[3325]}. Answers the wall power, or null.
     */
    private static Double fromAvalonEstats(JsonNode reply, List<Temperature> temperatures, List<Fan> fans) {
        if (reply == null || !reply.path("STATS").isArray()) {
            return null;
        }
        Double power = null;
        for (JsonNode stats : reply.get("STATS")) {
            var fields = stats.properties().iterator();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!field.getKey().startsWith("MM ID")) {
                    continue;
                }
                String module = field.getKey().substring(3).trim().toLowerCase(Locale.ROOT);
                Matcher matcher = AVALON_FIELD.matcher(field.getValue().asText());
                while (matcher.find()) {
                    String key = matcher.group(1);
                    OptionalDouble value = parse(matcher.group(2));
                    switch (key) {
                        case "Temp" -> addTemperature(temperatures, module + "_inlet", value);
                        case "TMax" -> addTemperature(temperatures, module + "_chip_max", value);
                        case "WALLPOWER" -> {
                            if (value.isPresent() && value.getAsDouble() > 0) {
                                power = (power == null ? 0 : power) + value.getAsDouble();
                            }
                        }
                        default -> {
                            if (key.matches("Fan\\d")) {
                                addFan(fans, module + "_" + key.toLowerCase(Locale.ROOT), value);
                            }
                        }
                    }
                }
            }
        }
        return power;
    }

    private static OptionalDouble parse(String text) {
        try {
            return OptionalDouble.of(Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static void addTemperature(List<Temperature> temperatures, String sensor, OptionalDouble celsius) {
        if (celsius.isPresent() && Readings.plausibleCelsius(celsius.getAsDouble()) && temperatures.size() < 64) {
            temperatures.add(new Temperature(sensor, celsius.getAsDouble()));
        }
    }

    private static void addFan(List<Fan> fans, String name, OptionalDouble rpm) {
        if (rpm.isPresent() && rpm.getAsDouble() > 0 && rpm.getAsDouble() <= 100_000 && fans.size() < 64) {
            fans.add(new Fan(name, rpm.getAsDouble()));
        }
    }

    private static Double positive(OptionalDouble value) {
        return value.isPresent() && value.getAsDouble() > 0 && value.getAsDouble() <= 1e6 ? value.getAsDouble() : null;
    }
}
