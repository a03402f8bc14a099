package io.hashfence.collector.compliance;

import io.hashfence.geo.GeoIndex;
import io.hashfence.protocol.LocationSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The bytes of a rig's {@link LocationHistory}, as the shared store keeps it ({@code rig_snapshot.history}), so
 * that the collector a site moves to judges its rigs' next fixes against what the evidence rules remember:
 * <pre>
 *   version         1 byte, 1
 *   parts           1 byte of flags: which of the optional parts below follow
 *   last            a fix: lat, lon (8-byte doubles), source (1 byte: 'G' GPS, 'S' static), time (8-byte epoch ms)
 *   settled         a fix, unless it is the last fix (flag SETTLED_IS_LAST) or absent
 *   stillAnchor     a fix, unless it is the last fix (flag ANCHOR_IS_LAST) or absent; then the run's length (4 bytes)
 *   recentGps       how many (2 bytes), then each position's 8-byte key, oldest first
 *   impossible jump when (8-byte epoch ms), what (2-byte length, modified UTF-8)
 *   held            a fix, then when it was seen (8-byte epoch ms); where it is, is looked up again on reading
 *   withheldSince   8-byte epoch ms
 *   suspected       1 byte, 1 if a suspicion follows, else 0
 *   suspicion       since (8-byte epoch ms), why (2-byte length, modified UTF-8)
 * </pre>
 * Numbers are big-endian; times keep milliseconds. A rig that reports a static position costs 59 bytes (34 after
 * its first message); one whose GPS wanders, with the default 20 recent positions, 219.
 */
final class LocationHistoryFormat {
    static final byte VERSION = 1;

    private static final int LAST = 1;
    private static final int SETTLED = 1 << 1;
    private static final int SETTLED_IS_LAST = 1 << 2;
    private static final int ANCHOR = 1 << 3;
    private static final int ANCHOR_IS_LAST = 1 << 4;
    private static final int IMPOSSIBLE_TRAVEL = 1 << 5;
    private static final int HELD = 1 << 6;
    private static final int WITHHELD = 1 << 7;
    private static final byte GPS = 'G';
    private static final byte STATIC = 'S';

    private final GeoIndex geo;

    LocationHistoryFormat(GeoIndex geo) {
        this.geo = geo;
    }

    byte[] encode(LocationHistory history) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(parts(history));
            if (history.last() != null) {
                writeFix(out, history.last());
            }
            if (history.settled() != null && !history.settled().equals(history.last())) {
                writeFix(out, history.settled());
            }
            if (history.stillAnchor() != null && !history.stillAnchor().equals(history.last())) {
                writeFix(out, history.stillAnchor());
            }
            out.writeInt(history.stillGpsFixes());
            RecentPositions recent = history.recentGps();
            out.writeShort(recent.size());
            for (int i = 0; i < recent.size(); i++) {
                out.writeLong(recent.key(i));
            }
            if (history.impossibleTravelAt() != null) {
                out.writeLong(history.impossibleTravelAt().toEpochMilli());
                out.writeUTF(history.impossibleTravel());
            }
            if (history.held() != null) {
                writeFix(out, history.held().fix());
                out.writeLong(history.held().seenAt().toEpochMilli());
            }
            if (history.withheldSince() != null) {
                out.writeLong(history.withheldSince().toEpochMilli());
            }
            out.writeBoolean(history.suspicion() != null);
            if (history.suspicion() != null) {
                out.writeLong(history.suspicion().since().toEpochMilli());
                out.writeUTF(history.suspicion().reason());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** The history the bytes stand for; an {@link IllegalArgumentException} says why bytes that do not read are not one. */
    LocationHistory decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException(
                        "location history version " + version + ", this collector reads " + VERSION);
            }
            int parts = in.readUnsignedByte();
            Fix last = has(parts, LAST) ? readFix(in) : null;
            Fix settled = has(parts, SETTLED_IS_LAST) ? last : has(parts, SETTLED) ? readFix(in) : null;
            Fix anchor = has(parts, ANCHOR_IS_LAST) ? last : has(parts, ANCHOR) ? readFix(in) : null;
            int stillGpsFixes = in.readInt();
            long[] recent = new long[in.readUnsignedShort()];
            for (int i = 0; i < recent.length; i++) {
                recent[i] = in.readLong();
            }
            Instant impossibleAt = null;
            String impossible = null;
            if (has(parts, IMPOSSIBLE_TRAVEL)) {
                impossibleAt = Instant.ofEpochMilli(in.readLong());
                impossible = in.readUTF();
            }
            HeldLocation held = null;
            if (has(parts, HELD)) {
                Fix fix = readFix(in);
                held = new HeldLocation(fix, geo.locate(fix.lat(), fix.lon()), Instant.ofEpochMilli(in.readLong()));
            }
            Instant withheldSince = has(parts, WITHHELD) ? Instant.ofEpochMilli(in.readLong()) : null;
            SpoofSuspicion suspicion =
                    in.readBoolean() ? new SpoofSuspicion(Instant.ofEpochMilli(in.readLong()), in.readUTF()) : null;
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " byte(s) after the location history");
            }
            return new LocationHistory(
                    last,
                    settled,
                    anchor,
                    stillGpsFixes,
                    RecentPositions.of(recent),
                    impossibleAt,
                    impossible,
                    held,
                    withheldSince,
                    suspicion);
        } catch (EOFException e) {
            throw new IllegalArgumentException("the location history is cut short (" + bytes.length + " bytes)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory failed", e);
        }
    }

    private static int parts(LocationHistory history) {
        int parts = 0;
        parts |= history.last() != null ? LAST : 0;
        if (history.settled() != null) {
            parts |= history.settled().equals(history.last()) ? SETTLED_IS_LAST : SETTLED;
        }
        if (history.stillAnchor() != null) {
            parts |= history.stillAnchor().equals(history.last()) ? ANCHOR_IS_LAST : ANCHOR;
        }
        parts |= history.impossibleTravelAt() != null ? IMPOSSIBLE_TRAVEL : 0;
        parts |= history.held() != null ? HELD : 0;
        parts |= history.withheldSince() != null ? WITHHELD : 0;
        return parts;
    }

    private static boolean has(int parts, int part) {
        return (parts & part) != 0;
    }

    private static void writeFix(DataOutputStream out, Fix fix) throws IOException {
        out.writeDouble(fix.lat());
        out.writeDouble(fix.lon());
        out.writeByte(fix.source() == LocationSource.GPS ? GPS : STATIC);
        out.writeLong(fix.time().toEpochMilli());
    }

    private static Fix readFix(DataInputStream in) throws IOException {
        double lat = in.readDouble();
        double lon = in.readDouble();
        byte source = in.readByte();
        if (source != GPS && source != STATIC) {
            throw new IllegalArgumentException("a fix's source is " + source + ", neither 'G' nor 'S'");
        }
        return new Fix(
                lat,
                lon,
                source == GPS ? LocationSource.GPS : LocationSource.STATIC,
                Instant.ofEpochMilli(in.readLong()));
    }
}
