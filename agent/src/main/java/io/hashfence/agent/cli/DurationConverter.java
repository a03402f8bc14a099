package io.hashfence.agent.cli;

import io.hashfence.agent.config.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads duration flags such as {@code --interval 500ms}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
