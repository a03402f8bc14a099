package io.hashfence.agent.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of records in numbered segment files, with the index of the first unacknowledged
 * record kept in a small file beside them. Each record is {@code [length][CRC-32C][bytes]}, so a record
 * torn by a crash is recognised when the log is opened and cut off. The log never holds more than its
 * capacity: when an append would pass it, the oldest segments are deleted, delivered or not, and the
 * lost records are counted. Not thread-safe; {@link Outbox} serialises access.
 */
final class SegmentLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SegmentLog.class);
    private static final String SEGMENT_SUFFIX = ".seg";
    private static final String ACKED_FILE = "acked";
    private static final int HEADER_BYTES = 8;
    static final int MAX_RECORD_BYTES = 1 << 20;

    private final Path directory;
    private final long capacityBytes;
    private final long segmentBytes;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private FileChannel active;
    private long nextIndex;
    private long acked;
    private long ackedOnDisk;
    private long droppedRecords;
    private final ReadCursor cursor = new ReadCursor();

    private static final class Segment {
        final long firstIndex;
        final Path path;
        long records;
        long bytes;

        Segment(long firstIndex, Path path) {
            this.firstIndex = firstIndex;
            this.path = path;
        }

        long endIndex() {
            return firstIndex + records;
        }
    }

    /** Where the last read stopped, so that reading on from there needs no scan. */
    private static final class ReadCursor {
        long index = -1;
        long segmentFirstIndex;
        long offset;
    }

    /** What {@link #open} found on disk. */
    record Recovery(long pending) {}

    private Recovery recovery;

    private SegmentLog(Path directory, long capacityBytes, long segmentBytes) {
        this.directory = directory;
        this.capacityBytes = capacityBytes;
        this.segmentBytes = segmentBytes;
    }

    static SegmentLog open(Path directory, long capacityBytes) throws IOException {
        long segmentBytes = Math.max(64 * 1024, Math.min(4L << 20, capacityBytes / 16));
        SegmentLog segmentLog = new SegmentLog(directory, capacityBytes, segmentBytes);
        Files.createDirectories(directory);
        segmentLog.recover();
        return segmentLog;
    }

    Recovery recovery() {
        return recovery;
    }

    private void recover() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SEGMENT_SUFFIX)) {
            stream.forEach(files::add);
        }
        files.sort(null);
        for (Path file : files) {
            long firstIndex;
            try {
                firstIndex = Long.parseLong(file.getFileName().toString().replace(SEGMENT_SUFFIX, ""));
            } catch (NumberFormatException e) {
                log.warn("outbox: ignoring {}: not a segment file name", file);
                continue;
            }
            Segment segment = new Segment(firstIndex, file);
            scan(segment);
            segments.put(firstIndex, segment);
        }
        Long storedAck = readAcked();
        nextIndex = segments.isEmpty()
                ? (storedAck == null ? 0 : storedAck)
                : segments.lastEntry().getValue().endIndex();
        long firstStored = segments.isEmpty() ? nextIndex : segments.firstKey();
        acked = storedAck == null ? firstStored : Math.max(firstStored, Math.min(storedAck, nextIndex));
        ackedOnDisk = acked;
        deleteDeliveredSegments();
        recovery = new Recovery(nextIndex - acked);
    }

    /** Counts the segment's intact records and cuts the file after the last one. */
    private void scan(Segment segment) throws IOException {
        try (FileChannel channel = FileChannel.open(segment.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long offset = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            while (offset + HEADER_BYTES <= size) {
                header.clear();
                channel.read(header, offset);
                header.flip();
                int length = header.getInt();
                int checksum = header.getInt();
                if (length < 0 || length > MAX_RECORD_BYTES || offset + HEADER_BYTES + length > size) {
                    break;
                }
                ByteBuffer body = ByteBuffer.allocate(length);
                channel.read(body, offset + HEADER_BYTES);
                if (crc(body.array()) != checksum) {
                    break;
                }
                offset += HEADER_BYTES + length;
                segment.records++;
            }
            segment.bytes = offset;
            if (offset < size) {
                log.warn(
                        "outbox: cut {} bytes of a torn or corrupt record from {}",
                        size - offset,
                        segment.path.getFileName());
                channel.truncate(offset);
                channel.force(true);
            }
        }
    }

    /** Appends one record and answers its index. */
    long append(byte[] record) throws IOException {
        if (record.length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("record of " + record.length + " bytes exceeds " + MAX_RECORD_BYTES);
        }
        long recordBytes = HEADER_BYTES + record.length;
        Segment last = segments.isEmpty() ? null : segments.lastEntry().getValue();
        if (last == null || active == null || last.bytes + recordBytes > segmentBytes) {
            last = roll();
        }
        makeRoomFor(recordBytes);
        ByteBuffer buffer = ByteBuffer.allocate((int) recordBytes);
        buffer.putInt(record.length).putInt(crc(record)).put(record).flip();
        while (buffer.hasRemaining()) {
            active.write(buffer);
        }
        last.bytes += recordBytes;
        last.records++;
        return nextIndex++;
    }

    private Segment roll() throws IOException {
        if (active != null) {
            active.close();
        }
        Segment last = segments.isEmpty() ? null : segments.lastEntry().getValue();
        if (last != null && last.records == 0) {
            active = FileChannel.open(last.path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return last;
        }
        Path path = directory.resolve(segmentName(nextIndex));
        Segment segment = new Segment(nextIndex, path);
        active = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        segments.put(nextIndex, segment);
        return segment;
    }

    /** The index zero-padded to 20 digits, without String.format: its locale data costs the agent 1.5 MB resident. */
    private static String segmentName(long index) {
        String digits = Long.toString(index);
        return "0".repeat(20 - digits.length()) + digits + SEGMENT_SUFFIX;
    }

    /** Deletes the oldest segments until the new record fits the capacity; the active segment stays. */
    private void makeRoomFor(long recordBytes) throws IOException {
        while (segments.size() > 1 && totalBytes() + recordBytes > capacityBytes) {
            Segment oldest = segments.pollFirstEntry().getValue();
            long undelivered = Math.max(0, oldest.endIndex() - Math.max(acked, oldest.firstIndex));
            droppedRecords += undelivered;
            acked = Math.max(acked, oldest.endIndex());
            Files.deleteIfExists(oldest.path);
            log.warn(
                    "outbox: full ({} bytes); dropped the oldest segment with {} undelivered samples ({} dropped in all)",
                    capacityBytes,
                    undelivered,
                    droppedRecords);
        }
    }

    private long totalBytes() {
        long total = 0;
        for (Segment segment : segments.values()) {
            total += segment.bytes;
        }
        return total;
    }

    /** Reads up to {@code max} records from {@code fromIndex} on, fewer at the end of the log; skips over dropped records. */
    List<Entry> read(long fromIndex, int max) throws IOException {
        List<Entry> entries = new ArrayList<>(Math.min(max, 64));
        long index = Math.max(fromIndex, acked);
        while (entries.size() < max && index < nextIndex) {
            Map.Entry<Long, Segment> floor = segments.floorEntry(index);
            Segment segment = floor == null ? null : floor.getValue();
            if (segment == null || index >= segment.endIndex()) {
                Long next = segments.higherKey(index);
                if (next == null) {
                    break;
                }
                index = next;
                continue;
            }
            long offset = offsetOf(segment, index);
            try (FileChannel channel = FileChannel.open(segment.path, StandardOpenOption.READ)) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
                while (entries.size() < max && index < segment.endIndex()) {
                    header.clear();
                    channel.read(header, offset);
                    header.flip();
                    int length = header.getInt();
                    header.getInt();
                    ByteBuffer body = ByteBuffer.allocate(length);
                    channel.read(body, offset + HEADER_BYTES);
                    entries.add(new Entry(index, body.array()));
                    offset += HEADER_BYTES + length;
                    index++;
                }
            }
            cursor.index = index;
            cursor.segmentFirstIndex = segment.firstIndex;
            cursor.offset = offset;
        }
        return entries;
    }

    private long offsetOf(Segment segment, long index) throws IOException {
        long offset = 0;
        long at = segment.firstIndex;
        if (cursor.segmentFirstIndex == segment.firstIndex && cursor.index >= 0 && cursor.index <= index) {
            offset = cursor.offset;
            at = cursor.index;
        }
        if (at == index) {
            return offset;
        }
        try (FileChannel channel = FileChannel.open(segment.path, StandardOpenOption.READ)) {
            ByteBuffer length = ByteBuffer.allocate(4);
            while (at < index) {
                length.clear();
                channel.read(length, offset);
                length.flip();
                offset += HEADER_BYTES + length.getInt();
                at++;
            }
        }
        return offset;
    }

    /** Every record before {@code index} is delivered: fully delivered segments are deleted. */
    void acknowledge(long index) throws IOException {
        if (index > acked) {
            acked = Math.min(index, nextIndex);
            deleteDeliveredSegments();
        }
    }

    private void deleteDeliveredSegments() throws IOException {
        while (segments.size() > 1 && segments.firstEntry().getValue().endIndex() <= acked) {
            Files.deleteIfExists(segments.pollFirstEntry().getValue().path);
        }
    }

    /** Writes the acknowledged position if it moved; records after it are sent again after a restart. */
    void saveAcked() throws IOException {
        if (acked == ackedOnDisk) {
            return;
        }
        byte[] value = ByteBuffer.allocate(8).putLong(acked).array();
        ByteBuffer buffer = ByteBuffer.allocate(12).putLong(acked).putInt(crc(value));
        Path temporary = directory.resolve(ACKED_FILE + ".tmp");
        Files.write(temporary, buffer.array());
        try {
            Files.move(
                    temporary,
                    directory.resolve(ACKED_FILE),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, directory.resolve(ACKED_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
        ackedOnDisk = acked;
    }

    private Long readAcked() throws IOException {
        Path file = directory.resolve(ACKED_FILE);
        if (!Files.exists(file)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != 12) {
            log.warn("outbox: {} is damaged; every stored sample will be sent again", file);
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long value = buffer.getLong();
        if (crc(Arrays.copyOf(bytes, 8)) != buffer.getInt()) {
            log.warn("outbox: {} is damaged; every stored sample will be sent again", file);
            return null;
        }
        return value;
    }

    /** Forces appended records to the storage device (a crash of the process alone loses nothing written). */
    void sync() throws IOException {
        if (active != null) {
            active.force(false);
        }
    }

    long acked() {
        return acked;
    }

    long nextIndex() {
        return nextIndex;
    }

    long pending() {
        return nextIndex - acked;
    }

    long droppedRecords() {
        return droppedRecords;
    }

    long storedBytes() {
        return totalBytes();
    }

    @Override
    public void close() throws IOException {
        saveAcked();
        if (active != null) {
            active.force(false);
            active.close();
            active = null;
        }
    }

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /** One stored record and its index. */
    record Entry(long index, byte[] bytes) {}
}
