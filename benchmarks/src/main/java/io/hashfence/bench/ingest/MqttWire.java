package io.hashfence.bench.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The few MQTT 5 packets the load generator, the relay subscriber and the loopback sink write, encoded by
 * hand: the harness must spend as little of the shared CPU as it can, so it builds no message objects.
 */
final class MqttWire {
    static final int CONNECT = 1;
    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int SUBSCRIBE = 8;
    static final int SUBACK = 9;

    private MqttWire() {}

    static ByteBuf connect(ByteBufAllocator alloc, String clientId, String username, String password) {
        byte[] id = utf8(clientId);
        byte[] user = username == null ? null : utf8(username);
        byte[] pass = password == null ? null : utf8(password);
        int flags = 0x02 | (user != null ? 0x80 : 0) | (pass != null ? 0x40 : 0);
        // Variable header: protocol name, level 5, flags, keep alive 60 s, properties: Receive Maximum 65535.
        int body = 6
                + 1
                + 1
                + 2
                + 1
                + 3
                + 2
                + id.length
                + (user != null ? 2 + user.length : 0)
                + (pass != null ? 2 + pass.length : 0);
        ByteBuf out = alloc.buffer(body + 5);
        out.writeByte(CONNECT << 4);
        writeVarInt(out, body);
        out.writeShort(4).writeBytes(utf8("MQTT")).writeByte(5).writeByte(flags).writeShort(60);
        out.writeByte(3).writeByte(0x21).writeShort(65_535);
        out.writeShort(id.length).writeBytes(id);
        if (user != null) {
            out.writeShort(user.length).writeBytes(user);
        }
        if (pass != null) {
            out.writeShort(pass.length).writeBytes(pass);
        }
        return out;
    }

    /** CONNACK for MQTT 5, success, with no properties. */
    static ByteBuf connAck(ByteBufAllocator alloc) {
        return alloc.buffer(5)
                .writeByte(CONNACK << 4)
                .writeByte(3)
                .writeByte(0)
                .writeByte(0)
                .writeByte(0);
    }

    static ByteBuf subscribe(ByteBufAllocator alloc, int packetId, String filter, int qos) {
        byte[] topic = utf8(filter);
        int body = 2 + 1 + 2 + topic.length + 1;
        ByteBuf out = alloc.buffer(body + 5);
        out.writeByte(SUBSCRIBE << 4 | 0x02);
        writeVarInt(out, body);
        out.writeShort(packetId)
                .writeByte(0)
                .writeShort(topic.length)
                .writeBytes(topic)
                .writeByte(qos);
        return out;
    }

    /** PUBACK, success, in the short form MQTT 5 allows (reason code and properties omitted). */
    static ByteBuf pubAck(ByteBufAllocator alloc, int packetId) {
        return alloc.buffer(4).writeByte(PUBACK << 4).writeByte(2).writeShort(packetId);
    }

    static void writeVarInt(ByteBuf out, int value) {
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            out.writeByte(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }

    static int varIntSize(int value) {
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
