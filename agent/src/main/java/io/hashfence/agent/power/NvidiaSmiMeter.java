package io.hashfence.agent.power;

import io.hashfence.protocol.PowerSource;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/** The summed board power of all NVIDIA GPUs: {@code nvidia-smi --query-gpu=power.draw --format=csv,noheader,nounits}. */
public final class NvidiaSmiMeter implements PowerMeter {
    private final String binary;
    private final CommandRunner runner = new CommandRunner(Duration.ofSeconds(5));

    public NvidiaSmiMeter(String binary) {
        this.binary = binary;
    }

    @Override
    public OptionalDouble readWatts() throws PowerMeterException {
        String output =
                runner.run(List.of(binary, "--query-gpu=power.draw", "--format=csv,noheader,nounits"), "nvidia-smi");
        double total = 0;
        int gpus = 0;
        for (String line : output.split("\n")) {
            String value = line.strip();
            if (value.isEmpty()) {
                continue;
            }
            try {
                total += Double.parseDouble(value);
                gpus++;
            } catch (NumberFormatException e) {
                throw new PowerMeterException("nvidia-smi: GPU power is \"" + value
                        + "\", not a number; this GPU or driver does not report power.draw");
            }
        }
        if (gpus == 0) {
            throw new PowerMeterException("nvidia-smi: no GPUs listed");
        }
        return OptionalDouble.of(total);
    }

    @Override
    public PowerSource source() {
        return PowerSource.NVIDIA_SMI;
    }
}
