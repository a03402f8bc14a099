package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.systemtest.StackConfigIT.ExternalTool;
import java.nio.file.Path;

/** Debian's {@code mosquitto_pub} as a one-shot site agent: messages in order over one connection, QoS 1. */
final class MosquittoPub {
    private final Path binary;
    private final Path workDir;
    private final String protocol;

    private MosquittoPub(Path binary, Path workDir, String protocol) {
        this.binary = binary;
        this.workDir = workDir;
        this.protocol = protocol;
    }

    /** The tool (a skip, or a failure with CI=true, without it), speaking {@code mqttv311} or {@code mqttv5}. */
    static MosquittoPub require(Path workDir, String protocol) {
        return new MosquittoPub(ExternalTool.require("mosquitto_pub", "mosquitto-clients"), workDir, protocol);
    }

    /** Publishes each message, one a line, to the rig's telemetry topic and asserts all were sent. */
    void publish(int port, String site, String token, String rig, String... messages) throws Exception {
        ExternalTool.Result result = ExternalTool.runWithInput(
                workDir,
                String.join("\n", messages) + "\n",
                binary.toString(),
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-V",
                protocol,
                "-u",
                site,
                "-P",
                token,
                "-q",
                "1",
                "-t",
                "hashfence/v1/" + site + "/" + rig + "/telemetry",
                "-l");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
