package io.hashfence.agent.power;

import io.hashfence.protocol.PowerSource;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * CPU package power from Intel/AMD RAPL counters: {@code /sys/class/powercap/intel-rapl:N/energy_uj} counts
 * microjoules and wraps at {@code max_energy_range_uj}; watts are the energy between two reads over the time
 * between them, summed over packages. The first read only starts the count. Since Linux 5.10 the counters
 * are readable by root alone.
 */
public final class RaplMeter implements PowerMeter {
    private final Path powercap;
    private final LongSupplier nanoClock;
    private final Map<Path, Long> lastEnergy = new HashMap<>();
    private long lastNanos;

    public RaplMeter(Path powercap, LongSupplier nanoClock) {
        this.powercap = powercap;
        this.nanoClock = nanoClock;
    }

    public static RaplMeter system() {
        return new RaplMeter(Path.of("/sys/class/powercap"), System::nanoTime);
    }

    @Override
    public synchronized OptionalDouble readWatts() throws PowerMeterException {
        List<Path> zones = zones();
        long now = nanoClock.getAsLong();
        double joules = 0;
        boolean complete = !lastEnergy.isEmpty();
        for (Path zone : zones) {
            long energy = readLong(zone.resolve("energy_uj"));
            Long previous = lastEnergy.put(zone, energy);
            if (previous == null) {
                complete = false;
                continue;
            }
            long delta = energy - previous;
            if (delta < 0) {
                delta += readLong(zone.resolve("max_energy_range_uj"));
            }
            joules += delta / 1e6;
        }
        long elapsed = now - lastNanos;
        lastNanos = now;
        if (!complete || elapsed <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(joules / (elapsed / 1e9));
    }

    private List<Path> zones() throws PowerMeterException {
        List<Path> zones = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(powercap, "intel-rapl:*")) {
            for (Path zone : stream) {
                // Top-level zones (intel-rapl:0) are packages; intel-rapl:0:0 are parts of them, counted already.
                if (zone.getFileName().toString().chars().filter(c -> c == ':').count() == 1) {
                    zones.add(zone);
                }
            }
        } catch (IOException e) {
            throw new PowerMeterException("RAPL: " + powercap + " is not readable (" + e.getMessage()
                    + "); this machine or kernel has no RAPL powercap interface");
        }
        if (zones.isEmpty()) {
            throw new PowerMeterException("RAPL: no intel-rapl:* zones under " + powercap
                    + "; load the intel_rapl_common module or choose another power meter");
        }
        zones.sort(null);
        return zones;
    }

    private static long readLong(Path file) throws PowerMeterException {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (AccessDeniedException e) {
            throw new PowerMeterException(
                    "RAPL: " + file + " is readable by root only (Linux 5.10 and later); run the"
                            + " agent as root or grant it read access, e.g. chmod o+r " + file
                            + " at boot (a udev rule or"
                            + " systemd-tmpfiles)",
                    e);
        } catch (IOException | NumberFormatException e) {
            throw new PowerMeterException("RAPL: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PowerSource source() {
        return PowerSource.RAPL;
    }
}
