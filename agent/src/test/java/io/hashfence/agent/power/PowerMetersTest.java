package io.hashfence.agent.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hashfence.testing.ExternalBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerMetersTest {
    @TempDir
    Path dir;

    private void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void raplDividesEnergyByTimeAcrossPackagesAndHandlesWrapAround() throws Exception {
        write(dir.resolve("intel-rapl:0/energy_uj"), "1000000\n");
        write(dir.resolve("intel-rapl:0/max_energy_range_uj"), "262143328850\n");
        write(dir.resolve("intel-rapl:1/energy_uj"), "262142328850\n");
        write(dir.resolve("intel-rapl:1/max_energy_range_uj"), "262143328850\n");
        write(dir.resolve("intel-rapl:0:0/energy_uj"), "999999999\n");
        AtomicLong nanos = new AtomicLong();
        RaplMeter meter = new RaplMeter(dir, nanos::get);

        assertThat(meter.readWatts()).as("the first read only starts the count").isEmpty();

        nanos.addAndGet(2_000_000_000L);
        write(dir.resolve("intel-rapl:0/energy_uj"), "201000000\n");
        // Package 1 wrapped: 1,000,000 uJ to the top, then 99,000,000 more.
        write(dir.resolve("intel-rapl:1/energy_uj"), "99000000\n");

        assertThat(meter.readWatts().getAsDouble()).as("(200 J + 100 J) / 2 s").isCloseTo(150.0, within(1e-9));
    }

    @Test
    void raplWithoutZonesSaysWhatToDo() {
        assertThatThrownBy(() -> new RaplMeter(dir, System::nanoTime).readWatts())
                .isInstanceOf(PowerMeterException.class)
                .hasMessageContaining("no intel-rapl:* zones");
    }

    @Test
    void nvidiaSmiSumsTheGpus() throws Exception {
        Path fake = script("nvidia-smi", "echo 120.50; echo 98.20");
        assertThat(new NvidiaSmiMeter(fake.toString()).readWatts().getAsDouble())
                .isCloseTo(218.7, within(1e-9));
    }

    @Test
    void nvidiaSmiWithoutAPowerFigureIsAClearError() throws Exception {
        Path fake = script("nvidia-smi", "echo '[N/A]'");
        assertThatThrownBy(() -> new NvidiaSmiMeter(fake.toString()).readWatts())
                .isInstanceOf(PowerMeterException.class)
                .hasMessageContaining("does not report power.draw");
        assertThatThrownBy(() -> new NvidiaSmiMeter(dir.resolve("absent").toString()).readWatts())
                .isInstanceOf(PowerMeterException.class)
                .hasMessageContaining("is it installed");
    }

    @Test
    void hwmonReadsAmdgpuMicrowattsAndIgnoresOtherDevices() throws Exception {
        write(dir.resolve("hwmon0/name"), "k10temp\n");
        write(dir.resolve("hwmon0/power1_input"), "999000000\n");
        write(dir.resolve("hwmon1/name"), "amdgpu\n");
        write(dir.resolve("hwmon1/power1_average"), "152000000\n");
        write(dir.resolve("hwmon2/name"), "amdgpu\n");
        write(dir.resolve("hwmon2/power1_input"), "148500000\n");

        assertThat(new HwmonMeter(dir).readWatts().getAsDouble()).isCloseTo(300.5, within(1e-9));
    }

    @Test
    void ipmiParsesTheDcmiReading() throws Exception {
        Path fake = script("ipmitool", """
                cat <<'OUT'

                    Instantaneous power reading:                   220 Watts
                    Minimum during sampling period:                 85 Watts
                    Maximum during sampling period:                310 Watts
                    Average power reading over sample period:      201 Watts
                    IPMI timestamp:                           Thu Nov 26 14:00:00 2026
                    Sampling period:                          00000001 Seconds.
                    Power reading state is:                   activated

                OUT""");
        assertThat(new IpmiMeter(fake.toString()).readWatts()).isEqualTo(OptionalDouble.of(220));
    }

    @Test
    void ipmiWithoutABmcReportsTheToolsComplaint() {
        Path ipmitool = ExternalBinary.require("ipmitool", "ipmitool");
        assertThatThrownBy(() -> new IpmiMeter(ipmitool.toString()).readWatts())
                .isInstanceOf(PowerMeterException.class)
                .hasMessageContaining("ipmi:");
    }

    @Test
    void nameplateEstimatePicksTheMostSpecificModel() {
        assertThat(NameplateEstimate.joulesPerTerahash("Antminer S19j Pro")).isEqualTo(OptionalDouble.of(30.5));
        assertThat(NameplateEstimate.joulesPerTerahash("Antminer S19")).isEqualTo(OptionalDouble.of(34.5));
        assertThat(NameplateEstimate.joulesPerTerahash("Whatsminer M30S++.VH40"))
                .isEqualTo(OptionalDouble.of(31.0));
        assertThat(NameplateEstimate.watts("Antminer S19 Pro", 110e12).getAsDouble())
                .isCloseTo(3245.0, within(1e-6));
        assertThat(NameplateEstimate.watts("RTX 3070", 1e8)).isEmpty();
        assertThat(NameplateEstimate.watts(null, 1e14)).isEmpty();
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
