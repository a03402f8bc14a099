package io.hashfence.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds a program the tests drive (mosquitto, prometheus, gpsfake, chromium, ...) on the PATH or in /usr/bin, /usr/sbin. */
public final class ExternalBinary {
    private ExternalBinary() {}

    /** The program, or a skip (a failure with {@code CI=true}) naming the Debian package that brings it. */
    public static Path require(String name, String debianPackage) {
        Optional<Path> found = find(name);
        Requirement.require(
                found.isPresent(),
                name + " is not installed: install the Debian package " + debianPackage
                        + " (./hashfence test installs it)");
        return found.orElseThrow();
    }

    public static Optional<Path> find(String name) {
        List<Path> places = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                places.add(Path.of(dir));
            }
        }
        places.addAll(List.of(Path.of("/usr/bin"), Path.of("/usr/sbin")));
        return places.stream()
                .map(dir -> dir.resolve(name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
