package io.hashfence.agent.power;

import io.hashfence.protocol.PowerSource;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server's power from its BMC: {@code ipmitool dcmi power reading}, line {@code Instantaneous power reading: 220 Watts}. */
public final class IpmiMeter implements PowerMeter {
    private static final Pattern READING =
            Pattern.compile("Instantaneous power reading:\\s*(\\d+(?:\\.\\d+)?)\\s*Watts");

    private final String binary;
    private final CommandRunner runner = new CommandRunner(Duration.ofSeconds(10));

    public IpmiMeter(String binary) {
        this.binary = binary;
    }

    @Override
    public OptionalDouble readWatts() throws PowerMeterException {
        String output = runner.run(List.of(binary, "dcmi", "power", "reading"), "ipmi");
        Matcher matcher = READING.matcher(output);
        if (!matcher.find()) {
            throw new PowerMeterException("ipmi: no \"Instantaneous power reading\" in the output of ipmitool: "
                    + output.strip().lines().findFirst().orElse("(empty)"));
        }
        return OptionalDouble.of(Double.parseDouble(matcher.group(1)));
    }

    @Override
    public PowerSource source() {
        return PowerSource.IPMI;
    }
}
