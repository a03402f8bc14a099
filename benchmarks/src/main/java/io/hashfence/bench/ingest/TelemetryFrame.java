package io.hashfence.bench.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A telemetry PUBLISH for one rig, encoded once; each copy gets its own packet id, sequence number and
 * time, so that the collector does the whole work for every message (no duplicates, always the newest
 * sample). The payload is 406 bytes: a compliant S19 Pro in the Texas oil fields.
 */
final class TelemetryFrame {
    static final int SEQ_DIGITS = 13;
    static final int TIME_CHARS = 24;
    /** Sequence numbers start here so that they keep 13 digits for any run. */
    static final long FIRST_SEQ = 1_000_000_000_000L;

    private final byte[] frame;
    private final int packetIdOffset;
    private final int seqOffset;
    private final int timeOffset;

    TelemetryFrame(String site, String rig, int qos) {
        String payload = payload(site, rig);
        byte[] topic = MqttWire.utf8("hashfence/v1/" + site + "/" + rig + "/telemetry");
        byte[] body = MqttWire.utf8(payload);
        int remaining = 2 + topic.length + (qos > 0 ? 2 : 0) + 1 + body.length;
        frame = new byte[1 + MqttWire.varIntSize(remaining) + remaining];
        ByteBuf out = Unpooled.wrappedBuffer(frame).clear();
        out.writeByte(MqttWire.PUBLISH << 4 | qos << 1);
        MqttWire.writeVarInt(out, remaining);
        out.writeShort(topic.length).writeBytes(topic);
        packetIdOffset = qos > 0 ? out.writerIndex() : -1;
        if (qos > 0) {
            out.writeShort(0);
        }
        out.writeByte(0);
        int payloadStart = out.writerIndex();
        out.writeBytes(body);
        seqOffset = payloadStart + payload.indexOf("\"seq\":") + 6;
        timeOffset = payloadStart + payload.indexOf("\"time\":\"") + 8;
    }

    static String payload(String site, String rig) {
        return "{\"schema_version\":1,\"site\":\"" + site + "\",\"rig\":\"" + rig + "\",\"time\":\""
                + "2026-01-01T00:00:00.000Z\",\"seq\":" + FIRST_SEQ + ",\"miner\":{\"type\":\"bmminer\","
                + "\"model\":\"Antminer S19 Pro\",\"status\":\"mining\"},\"hashrate_hs\":1.1032e14,\"power\":"
                + "{\"watts\":3247.5,\"source\":\"miner\"},\"pools\":[{\"url\":\"stratum+tcp://pool.example:3333\",\"user\":\"w1\",\"active\":true}],"
                + "\"location\":{\"lat\":31.8457,\"lon\":-102.3676,\"source\":\"static\",\"accuracy_m\":50},"
                + "\"interval_s\":10}";
    }

    int size() {
        return frame.length;
    }

    /** Writes a copy with these values; {@code time} is {@link #TIME_CHARS} ASCII bytes. */
    void writeTo(ByteBuf out, int packetId, long seq, byte[] time) {
        int start = out.writerIndex();
        out.writeBytes(frame);
        if (packetIdOffset >= 0) {
            out.setShort(start + packetIdOffset, packetId);
        }
        for (int i = SEQ_DIGITS - 1; i >= 0; i--) {
            out.setByte(start + seqOffset + i, '0' + (int) (seq % 10));
            seq /= 10;
        }
        out.setBytes(start + timeOffset, time);
    }

    ByteBuf copy(ByteBufAllocator alloc, int packetId, long seq, byte[] time) {
        ByteBuf out = alloc.directBuffer(frame.length);
        writeTo(out, packetId, seq, time);
        return out;
    }

    static byte[] timeBytes(Instant now) {
        String text = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        return (text.substring(0, 19) + ".000Z").getBytes(StandardCharsets.US_ASCII);
    }
}
