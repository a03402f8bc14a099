package io.hashfence.collector.fleet;

import io.hashfence.protocol.Ids;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The bytes of the sequence journal: a header, then records, each one of
 * <pre>
 *   'S' site rig seq              a (site, rig, seq) that arrived
 *   'W' site rig highest bits     a rig's whole window (what compaction writes)
 * </pre>
 * where an id is its length (one byte) and ASCII characters, numbers are 8-byte big-endian, bits are {@link
 * SequenceWindow#WORDS} longs, and a CRC-32C of the record's bytes ends it. Works on heap buffers only.
 * Not thread-safe (it keeps one checksum object): each thread uses its own.
 */
final class JournalFormat {
    static final byte[] HEADER = "HFSEQ 1\n".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_RECORD = 1 + 2 * (1 + Ids.MAX_LENGTH) + 8 + SequenceWindow.WORDS * 8 + 4;
    private static final byte ARRIVED = 'S';
    private static final byte WINDOW = 'W';

    /** Why the bytes at an offset are not a record. */
    enum Problem {
        NOT_A_JOURNAL("no sequence journal header"),
        INCOMPLETE("cut short by the end of the file"),
        UNKNOWN_TYPE("not the start of a record"),
        BAD_ID("not a valid site or rig id"),
        BAD_CHECKSUM("checksum mismatch");

        private final String description;

        Problem(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private final CRC32C crc = new CRC32C();

    void putArrived(ByteBuffer out, RigKey rig, long seq) {
        int start = out.position();
        out.put(ARRIVED);
        putIds(out, rig);
        out.putLong(seq);
        seal(out, start);
    }

    void putWindow(ByteBuffer out, RigKey rig, SequenceWindow window) {
        int start = out.position();
        out.put(WINDOW);
        putIds(out, rig);
        out.putLong(window.highest());
        for (int i = 0; i < SequenceWindow.WORDS; i++) {
            out.putLong(window.word(i));
        }
        seal(out, start);
    }

    /**
     * Reads the record at {@code in}'s position into the windows and moves past it; or, when the bytes
     * there are not a whole, intact record, leaves the position where it was and says why.
     */
    Problem read(ByteBuffer in, SequenceWindows into) {
        int start = in.position();
        int limit = in.limit();
        if (start >= limit) {
            return Problem.INCOMPLETE;
        }
        byte type = in.get(start);
        if (type != ARRIVED && type != WINDOW) {
            return Problem.UNKNOWN_TYPE;
        }
        int site = start + 1;
        if (site >= limit) {
            return Problem.INCOMPLETE;
        }
        int siteLength = in.get(site) & 0xff;
        int rig = site + 1 + siteLength;
        if (rig >= limit) {
            return Problem.INCOMPLETE;
        }
        int rigLength = in.get(rig) & 0xff;
        int body = rig + 1 + rigLength;
        int end = body + 8 + (type == WINDOW ? SequenceWindow.WORDS * 8 : 0);
        if (end + 4 > limit) {
            return Problem.INCOMPLETE;
        }
        crc.reset();
        crc.update(in.array(), in.arrayOffset() + start, end - start);
        if ((int) crc.getValue() != in.getInt(end)) {
            return Problem.BAD_CHECKSUM;
        }
        String siteId = ascii(in, site + 1, siteLength);
        String rigId = ascii(in, rig + 1, rigLength);
        if (!Ids.isValid(siteId) || !Ids.isValid(rigId)) {
            return Problem.BAD_ID;
        }
        RigKey key = new RigKey(SiteId.of(siteId), RigId.of(rigId));
        if (type == ARRIVED) {
            into.markNew(key, in.getLong(body));
        } else {
            long[] bits = new long[SequenceWindow.WORDS];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = in.getLong(body + 8 + i * 8);
            }
            into.markAll(key, new SequenceWindow(in.getLong(body), bits));
        }
        in.position(end + 4);
        return null;
    }

    private static void putIds(ByteBuffer out, RigKey rig) {
        putId(out, rig.site().value());
        putId(out, rig.rig().value());
    }

    /** Ids are ASCII by the wire contract ({@link Ids}), so a char is a byte. */
    private static void putId(ByteBuffer out, String id) {
        out.put((byte) id.length());
        for (int i = 0; i < id.length(); i++) {
            out.put((byte) id.charAt(i));
        }
    }

    private void seal(ByteBuffer out, int start) {
        crc.reset();
        crc.update(out.array(), out.arrayOffset() + start, out.position() - start);
        out.putInt((int) crc.getValue());
    }

    private static String ascii(ByteBuffer in, int from, int length) {
        return new String(in.array(), in.arrayOffset() + from, length, StandardCharsets.US_ASCII);
    }
}
