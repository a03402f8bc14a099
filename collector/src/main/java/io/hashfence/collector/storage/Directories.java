package io.hashfence.collector.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Directory-level durability: a rename is only on disk once its directory is. */
public final class Directories {
    private Directories() {}

    /** Forces the directory's entries (a file created or renamed in it) to disk. */
    public static void force(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
