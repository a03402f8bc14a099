package io.hashfence.agent.power;

import io.hashfence.protocol.PowerSource;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The summed power of AMD GPUs from the kernel's hwmon interface: {@code /sys/class/hwmon/hwmon*} whose
 * {@code name} is {@code amdgpu}, reading {@code power1_average} or else {@code power1_input}, in microwatts.
 */
public final class HwmonMeter implements PowerMeter {
    private final Path hwmon;

    public HwmonMeter(Path hwmon) {
        this.hwmon = hwmon;
    }

    public static HwmonMeter system() {
        return new HwmonMeter(Path.of("/sys/class/hwmon"));
    }

    @Override
    public OptionalDouble readWatts() throws PowerMeterException {
        double microwatts = 0;
        int devices = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(hwmon, "hwmon*")) {
            for (Path device : stream) {
                Path name = device.resolve("name");
                if (!Files.isReadable(name)
                        || !"amdgpu".equals(Files.readString(name).strip())) {
                    continue;
                }
                Path average = device.resolve("power1_average");
                Path input = device.resolve("power1_input");
                Path file = Files.isReadable(average) ? average : input;
                if (!Files.isReadable(file)) {
                    continue;
                }
                microwatts += Long.parseLong(Files.readString(file).strip());
                devices++;
            }
        } catch (IOException | NumberFormatException e) {
            throw new PowerMeterException("hwmon: cannot read " + hwmon + ": " + e.getMessage(), e);
        }
        if (devices == 0) {
            throw new PowerMeterException("hwmon: no amdgpu device with power1_average or power1_input under " + hwmon);
        }
        return OptionalDouble.of(microwatts / 1e6);
    }

    @Override
    public PowerSource source() {
        return PowerSource.HWMON;
    }
}
