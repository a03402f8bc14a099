package io.hashfence.agent.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hashfence.protocol.Location;
import io.hashfence.protocol.Miner;
import io.hashfence.protocol.SiteStatus;
import io.hashfence.protocol.Telemetry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The agent's encoding of the wire messages, byte for byte what the protocol's {@code TelemetryCodec} and
 * {@code SiteStatusCodec} encode (WireEncoderTest holds them to it). The codecs build an ObjectMapper, whose
 * classes would be a quarter of the agent's resident memory; this writes with the streaming generator alone.
 */
public final class WireEncoder {
    private WireEncoder() {
    }

    public static byte[] telemetry(Telemetry telemetry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JsonTrees.FACTORY.createGenerator(out)) {
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

    public static byte[] status(SiteStatus status) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JsonTrees.FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("schema_version", SiteStatus.SCHEMA_VERSION);
            json.writeStringField("site", status.site().value());
            json.writeStringField("state", status.state().wireName());
            json.writeStringField("time", status.time().toString());
            if (status.agentVersion() != null) {
                json.writeStringField("agent_version", status.agentVersion());
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
}
