package io.hashfence.agent.power;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a meter's command line with a time limit and answers its standard output. */
final class CommandRunner {
    private final Duration timeout;

    CommandRunner(Duration timeout) {
        this.timeout = timeout;
    }

    String run(List<String> command, String meter) throws PowerMeterException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new PowerMeterException(
                    meter + ": cannot run " + command.get(0) + " (" + e.getMessage()
                            + "); is it installed and on the PATH?",
                    e);
        }
        try {
            byte[] output = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new PowerMeterException(
                        meter + ": " + command.get(0) + " did not finish within " + timeout.toSeconds() + "s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new PowerMeterException(meter + ": " + String.join(" ", command) + " failed with exit code "
                        + process.exitValue() + ": " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new PowerMeterException(
                    meter + ": reading the output of " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PowerMeterException(meter + ": interrupted", e);
        }
    }
}
