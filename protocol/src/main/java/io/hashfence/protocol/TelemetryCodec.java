package io.hashfence.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Encodes telemetry v1 to JSON and decodes it back, applying every validation rule of
 * protocol/README.md. Decoding never throws on bad input: it answers {@link Decoded.Invalid}.
 */
public final class TelemetryCodec {
    private final Clock clock;

    public TelemetryCodec(Clock clock) {
        this.clock = clock;
    }

    public byte[] encode(Telemetry telemetry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("schema_version", Telemetry.SCHEMA_VERSION);
            json.writeStringField("site", telemetry.site().value());
            json.writeStringField("rig", telemetry.rig().value());
            json.writeStringField("time", telemetry.time().toString());
            json.writeNumberField("seq", telemetry.seq());
            writeMiner(json, telemetry.miner());
            json.writeNumberField("hashrate_hs", telemetry.hashrate());
            if (telemetry.power() != null) {
                json.writeObjectFieldStart("power");
                json.writeNumberField("watts", telemetry.power().watts());
                json.writeStringField("source", telemetry.power().source().wireName());
                json.writeEndObject();
            }
            writeList(json, "temperatures", telemetry.temperatures(), t -> {
                json.writeStringField("sensor", t.sensor());
                json.writeNumberField("celsius", t.celsius());
            });
            writeList(json, "fans", telemetry.fans(), f -> {
                json.writeStringField("name", f.name());
                json.writeNumberField("rpm", f.rpm());
            });
            writeList(json, "pools", telemetry.pools(), p -> {
                json.writeStringField("url", p.url());
                json.writeStringField("user", p.user());
                json.writeBooleanField("active", p.active());
                if (p.address() != null) {
                    json.writeStringField("address", p.address());
                }
            });
            if (telemetry.location() != null) {
                writeLocation(json, telemetry.location());
            }
            if (telemetry.interval() != null) {
                json.writeNumberField("interval_s", telemetry.interval().toMillis() / 1000.0);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeMiner(JsonGenerator json, Miner miner) throws IOException {
        json.writeObjectFieldStart("miner");
        json.writeStringField("type", miner.type());
        if (miner.model() != null) {
            json.writeStringField("model", miner.model());
        }
        if (miner.firmware() != null) {
            json.writeStringField("firmware", miner.firmware());
        }
        json.writeStringField("status", miner.status().wireName());
        json.writeEndObject();
    }

    private static void writeLocation(JsonGenerator json, Location location) throws IOException {
        json.writeObjectFieldStart("location");
        json.writeNumberField("lat", location.lat());
        json.writeNumberField("lon", location.lon());
        json.writeStringField("source", location.source().wireName());
        if (location.accuracyMetres() != null) {
            json.writeNumberField("accuracy_m", location.accuracyMetres());
        }
        if (location.fixTime() != null) {
            json.writeStringField("fix_time", location.fixTime().toString());
        }
        if (location.simulated()) {
            json.writeBooleanField("simulated", true);
        }
        json.writeEndObject();
    }

    private interface FieldWriter<T> {
        void write(T value) throws IOException;
    }

    private static <T> void writeList(JsonGenerator json, String name, List<T> values, FieldWriter<T> writer)
            throws IOException {
        if (values.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart(name);
        for (T value : values) {
            json.writeStartObject();
            writer.write(value);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** Decodes and validates a message published on {@code topic}; the payload must name the same site and rig. */
    public Decoded<Telemetry> decode(byte[] payload, Topic.Telemetry topic) {
        Decoded<Telemetry> decoded = decode(payload);
        if (decoded instanceof Decoded.Valid<Telemetry> valid) {
            Telemetry telemetry = valid.value();
            if (!telemetry.site().equals(topic.site()) || !telemetry.rig().equals(topic.rig())) {
                return new Decoded.Invalid<>(
                        Violation.TOPIC_MISMATCH,
                        "rig",
                        "payload names " + telemetry.site() + "/" + telemetry.rig() + " but was published on "
                                + topic.name());
            }
        }
        return decoded;
    }

    public Decoded<Telemetry> decode(byte[] payload) {
        try {
            return new Decoded.Valid<>(read(Json.parseObject(payload)));
        } catch (JsonFields.Rejected rejected) {
            return rejected.toInvalid();
        }
    }

    private Telemetry read(JsonFields json) {
        long version = json.wholeNumber("schema_version");
        if (version != Telemetry.SCHEMA_VERSION) {
            throw new JsonFields.Rejected(
                    Violation.UNKNOWN_SCHEMA_VERSION,
                    "schema_version",
                    "schema_version " + version + " is not supported; this collector reads version "
                            + Telemetry.SCHEMA_VERSION);
        }
        SiteId site = new SiteId(json.id("site"));
        RigId rig = new RigId(json.id("rig"));
        Instant latest = clock.instant().plus(Limits.MAX_CLOCK_SKEW);
        Instant time = plausibleTime(json.instant("time"), "time", latest);
        long seq = json.wholeNumber("seq");
        if (seq < 0) {
            throw new JsonFields.Rejected(Violation.OUT_OF_RANGE, "seq", "field seq must not be negative");
        }
        Miner miner = readMiner(json.object("miner"));
        double hashrate = json.number("hashrate_hs", 0, Limits.MAX_HASHRATE);
        PowerReading power =
                json.optionalObject("power").map(TelemetryCodec::readPower).orElse(null);
        List<Temperature> temperatures = json.objects(
                "temperatures",
                Limits.MAX_TEMPERATURES,
                t -> new Temperature(
                        t.text("sensor", Limits.MAX_TEXT_LENGTH),
                        t.number("celsius", Limits.MIN_CELSIUS, Limits.MAX_CELSIUS)));
        List<Fan> fans = json.objects(
                "fans",
                Limits.MAX_FANS,
                f -> new Fan(f.text("name", Limits.MAX_TEXT_LENGTH), f.number("rpm", 0, Limits.MAX_FAN_RPM)));
        List<Pool> pools = json.objects(
                "pools",
                Limits.MAX_POOLS,
                p -> new Pool(
                        p.text("url", Limits.MAX_URL_LENGTH),
                        p.text("user", Limits.MAX_TEXT_LENGTH),
                        p.bool("active"),
                        p.optionalIpLiteral("address")));
        Location location = json.optionalObject("location")
                .map(l -> readLocation(l, latest))
                .orElse(null);
        Double intervalSeconds = json.optionalNumber("interval_s", 0.001, Limits.MAX_INTERVAL_SECONDS);
        Duration interval = intervalSeconds == null ? null : Duration.ofMillis(Math.round(intervalSeconds * 1000));
        return new Telemetry(
                site, rig, time, seq, miner, hashrate, power, temperatures, fans, pools, location, interval);
    }

    private static Miner readMiner(JsonFields miner) {
        return new Miner(
                miner.text("type", Limits.MAX_TEXT_LENGTH),
                miner.optionalText("model", Limits.MAX_TEXT_LENGTH),
                miner.optionalText("firmware", Limits.MAX_TEXT_LENGTH),
                miner.enumValue("status", MinerStatus.class));
    }

    private static PowerReading readPower(JsonFields power) {
        return new PowerReading(
                power.number("watts", 0, Limits.MAX_POWER_WATTS), power.enumValue("source", PowerSource.class));
    }

    /** No earlier than {@link Limits#EARLIEST_TIME}, no later than the clock-skew allowance. */
    private static Instant plausibleTime(Instant time, String field, Instant latest) {
        if (time.isAfter(latest)) {
            throw new JsonFields.Rejected(
                    Violation.FUTURE_TIMESTAMP,
                    field,
                    "field " + field + " " + time + " is more than " + Limits.MAX_CLOCK_SKEW.toMinutes()
                            + " minutes in the future");
        }
        if (time.isBefore(Limits.EARLIEST_TIME)) {
            throw new JsonFields.Rejected(
                    Violation.OUT_OF_RANGE,
                    field,
                    "field " + field + " " + time + " is before " + Limits.EARLIEST_TIME);
        }
        return time;
    }

    private static Location readLocation(JsonFields location, Instant latest) {
        double lat = location.number("lat", -90, 90);
        double lon = location.number("lon", -180, 180);
        LocationSource source = location.enumValue("source", LocationSource.class);
        Double accuracy = location.optionalNumber("accuracy_m", 0, 20_000_000);
        Instant fixTime = location.optionalInstant("fix_time");
        if (fixTime != null) {
            plausibleTime(fixTime, "location.fix_time", latest);
        }
        boolean simulated = location.has("simulated") && location.bool("simulated");
        return new Location(lat, lon, source, accuracy, fixTime, simulated);
    }
}
