package io.hashfence.collector.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory holds evidence and credentials: it is created 0700 and the files in it 0600, and a
 * directory or file an older version created more open is narrowed to that when the collector opens it
 * (warned about instead when the collector may not change it, e.g. a directory another user owns).
 */
public final class PrivateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    /** For {@code Files.createFile} and the like: mode 0600. */
    public static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(FILE);
    }

    /** Creates the directory (and missing parents) 0700, or narrows an existing one to 0700. */
    public static Path directory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            narrow(directory, DIRECTORY);
            return directory;
        }
        return Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
    }

    /** Opens a file, creating it 0600 if the options say so, and narrows an existing one to 0600. */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        FileChannel channel = FileChannel.open(file, Set.of(options), ownerOnly());
        narrow(file, FILE);
        return channel;
    }

    /** Writes a new file, 0600, and forces it to disk; fails if the file exists. */
    public static void write(Path file, byte[] content) throws IOException {
        try (FileChannel channel = open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(content);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }

    /** Copies a file to a new one, 0600. */
    public static void copy(Path from, Path to) throws IOException {
        write(to, Files.readAllBytes(from));
    }

    /** Narrows the mode if it is wider; one the collector may not change (another owner's) is only warned about. */
    private static void narrow(Path path, Set<PosixFilePermission> wanted) {
        try {
            Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
            if (!actual.equals(wanted)) {
                Files.setPosixFilePermissions(path, wanted);
                LOG.info(
                        "{} was mode {}; narrowed to {}",
                        path,
                        PosixFilePermissions.toString(actual),
                        PosixFilePermissions.toString(wanted));
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn(
                    "cannot narrow the mode of {} to {} ({}); make it private to the collector's user",
                    path,
                    PosixFilePermissions.toString(wanted),
                    e.toString());
        }
    }
}
