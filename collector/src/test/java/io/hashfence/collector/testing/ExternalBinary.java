package io.hashfence.collector.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a program the tests drive (mosquitto_pub, prometheus, ...). Outside CI a missing program skips the
 * test with the package to install; with CI=true it fails, because CI must install it.
 */
public final class ExternalBinary {
    private ExternalBinary() {
    }

    public static Path require(String name, String debianPackage) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String message = name + " is not installed (Debian package " + debianPackage + "; ./hashfence test installs it)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }
}
