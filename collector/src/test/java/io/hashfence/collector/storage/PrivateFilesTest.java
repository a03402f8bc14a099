package io.hashfence.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New directories and files are private; ones an older version left open are narrowed when opened. */
class PrivateFilesTest {
    @TempDir
    Path root;

    @Test
    void createsTheDirectory0700AndFiles0600() throws Exception {
        Path dir = PrivateFiles.directory(root.resolve("data/nested"));
        try (FileChannel channel =
                PrivateFiles.open(dir.resolve("events.log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            assertThat(channel.isOpen()).isTrue();
        }
        PrivateFiles.write(dir.resolve("kept"), "x".getBytes(StandardCharsets.UTF_8));

        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(root.resolve("data"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("events.log"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("kept"))).isEqualTo("rw-------");
    }

    @Test
    void narrowsAnOpenDirectoryAndFileItIsGiven() throws Exception {
        Path dir = Files.createDirectory(root.resolve("old"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = Files.writeString(dir.resolve("events.log"), "kept\n");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));

        PrivateFiles.directory(dir);
        PrivateFiles.open(log, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                .close();

        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(log)).isEqualTo("rw-------");
        assertThat(Files.readString(log)).isEqualTo("kept\n");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
