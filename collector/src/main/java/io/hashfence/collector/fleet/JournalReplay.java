package io.hashfence.collector.fleet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a sequence journal back into the windows. Bytes that are not an intact record are skipped up to
 * the next offset where one reads, so a damaged stretch costs only the records inside it; a stretch that
 * runs to the end of the file is usually a record torn by a crash.
 */
final class JournalReplay {
    private static final int BUFFER_BYTES = 1 << 20;

    /** Bytes {@code from} (inclusive) to {@code to} (exclusive) are not a record, for the reason the first one gave. */
    record Unreadable(long from, long to, JournalFormat.Problem problem) {
        /** A short stretch at the very end of a journal: what a crash in the middle of a write leaves. */
        boolean isTornTail(long fileSize) {
            return to == fileSize
                    && to - from < JournalFormat.MAX_RECORD
                    && problem != JournalFormat.Problem.NOT_A_JOURNAL;
        }
    }

    record Result(long records, long size, List<Unreadable> unreadable) {
        static final Result EMPTY = new Result(0, 0, List.of());
    }

    private final FileChannel channel;
    private final JournalFormat format = new JournalFormat();
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private long bufferStart;
    private boolean ended;

    private JournalReplay(FileChannel channel) {
        this.channel = channel;
        buffer.limit(0);
    }

    static Result replay(Path file, SequenceWindows into) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.size() == 0 ? Result.EMPTY : new JournalReplay(channel).readAll(into);
        }
    }

    private Result readAll(SequenceWindows into) throws IOException {
        long size = channel.size();
        List<Unreadable> unreadable = new ArrayList<>();
        long records = 0;
        fill();
        JournalFormat.Problem problem = header();
        if (problem == null) {
            buffer.position(JournalFormat.HEADER.length);
        }
        while (true) {
            if (problem != null) {
                long from = offset();
                long next = skipToRecord(into);
                unreadable.add(new Unreadable(from, next < 0 ? offset() : next, problem));
                if (next < 0) {
                    break;
                }
                records++;
            }
            fill();
            if (!buffer.hasRemaining()) {
                break;
            }
            problem = format.read(buffer, into);
            if (problem == null) {
                records++;
            }
        }
        return new Result(records, size, List.copyOf(unreadable));
    }

    private JournalFormat.Problem header() {
        int length = Math.min(buffer.remaining(), JournalFormat.HEADER.length);
        byte[] start = new byte[length];
        buffer.get(0, start);
        if (!Arrays.equals(start, Arrays.copyOf(JournalFormat.HEADER, length))) {
            return JournalFormat.Problem.NOT_A_JOURNAL;
        }
        return length < JournalFormat.HEADER.length ? JournalFormat.Problem.INCOMPLETE : null;
    }

    /**
     * Moves on one byte at a time until a record reads there, applies it and answers where it began; or
     * moves to the end of the file and answers -1.
     */
    private long skipToRecord(SequenceWindows into) throws IOException {
        while (true) {
            buffer.position(buffer.position() + 1);
            fill();
            if (!buffer.hasRemaining()) {
                return -1;
            }
            long at = offset();
            if (format.read(buffer, into) == null) {
                return at;
            }
        }
    }

    private long offset() {
        return bufferStart + buffer.position();
    }

    /** Keeps at least one whole record's worth of bytes after the position, unless the file ends first. */
    private void fill() throws IOException {
        if (ended || buffer.remaining() >= JournalFormat.MAX_RECORD) {
            return;
        }
        bufferStart += buffer.position();
        buffer.compact();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                ended = true;
                break;
            }
        }
        buffer.flip();
    }
}
