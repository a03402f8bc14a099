package io.hashfence.agent.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A site's durable outbox: every telemetry message is stored here before it is published and leaves only
 * when the collector has acknowledged it, so samples survive collector outages and agent restarts.
 * Messages are numbered in the order they were added and are read back in that order. Thread-safe.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final SegmentLog segments;
    private final Path directory;
    private final LongAdder added = new LongAdder();
    private final LongAdder writeFailures = new LongAdder();

    /** A stored message: its position in the outbox, topic and payload. */
    public record Message(long index, String topic, byte[] payload) {}

    private Outbox(SegmentLog segments, Path directory) {
        this.segments = segments;
        this.directory = directory;
    }

    /** Opens (or creates) the outbox in {@code directory}, cutting a record torn by a crash. */
    public static Outbox open(Path directory, long capacityBytes) {
        try {
            SegmentLog segments = SegmentLog.open(directory, capacityBytes);
            SegmentLog.Recovery recovery = segments.recovery();
            if (recovery.pending() > 0) {
                log.info(
                        "outbox {}: {} unsent samples from an earlier run will be sent first",
                        directory,
                        recovery.pending());
            }
            return new Outbox(segments, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the outbox in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Stores one message; answers false (counted, logged) when the disk refused it. */
    public synchronized boolean add(String topic, byte[] payload) {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        ByteBuffer record = ByteBuffer.allocate(2 + topicBytes.length + payload.length);
        record.putShort((short) topicBytes.length).put(topicBytes).put(payload);
        try {
            long index = segments.append(record.array());
            added.increment();
            log.debug("outbox: stored sample {} for {}", index, topic);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            writeFailures.increment();
            log.warn("outbox {}: cannot store a sample for {}: {}", directory, topic, e.getMessage());
            return false;
        }
    }

    /** Up to {@code max} messages from position {@code from} on, oldest first; dropped ones are skipped. */
    public synchronized List<Message> read(long from, int max) {
        try {
            List<SegmentLog.Entry> entries = segments.read(from, max);
            List<Message> messages = new ArrayList<>(entries.size());
            for (SegmentLog.Entry entry : entries) {
                ByteBuffer buffer = ByteBuffer.wrap(entry.bytes());
                byte[] topic = new byte[buffer.getShort() & 0xFFFF];
                buffer.get(topic);
                byte[] payload = new byte[buffer.remaining()];
                buffer.get(payload);
                messages.add(new Message(entry.index(), new String(topic, StandardCharsets.UTF_8), payload));
            }
            return messages;
        } catch (IOException e) {
            log.warn("outbox {}: cannot read stored samples: {}", directory, e.getMessage());
            return List.of();
        }
    }

    /** Every message before position {@code index} has been delivered. */
    public synchronized void acknowledge(long index) {
        try {
            segments.acknowledge(index);
        } catch (IOException e) {
            log.warn("outbox {}: cannot delete delivered segments: {}", directory, e.getMessage());
        }
    }

    /** Saves the delivered position and forces stored messages to disk; called about once a second. */
    public synchronized void flush() {
        try {
            segments.saveAcked();
            segments.sync();
        } catch (IOException e) {
            log.warn("outbox {}: cannot save its state: {}", directory, e.getMessage());
        }
    }

    /** The position of the oldest undelivered message. */
    public synchronized long firstUndelivered() {
        return segments.acked();
    }

    /** The position the next added message gets. */
    public synchronized long end() {
        return segments.nextIndex();
    }

    public synchronized Counts counts() {
        return new Counts(
                added.sum(),
                segments.pending(),
                segments.droppedRecords(),
                writeFailures.sum(),
                segments.storedBytes());
    }

    /**
     * @param added messages stored by this run
     * @param pending messages not yet acknowledged by the collector
     * @param dropped undelivered messages deleted because the outbox was full
     * @param writeFailures messages the disk refused
     * @param storedBytes the size of the outbox on disk
     */
    public record Counts(long added, long pending, long dropped, long writeFailures, long storedBytes) {}

    @Override
    public synchronized void close() {
        try {
            segments.close();
        } catch (IOException e) {
            log.warn("outbox {}: cannot close cleanly: {}", directory, e.getMessage());
        }
    }
}
