package io.hashfence.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlagsTest {
    private static final CommandSpec SPEC = new CommandSpec(
            "demo",
            "A command.",
            "CIDR...",
            List.of(
                    CommandSpec.Option.required("--config", "FILE", "Config."),
                    CommandSpec.Option.optional("--interval", "DURATION", "Interval."),
                    CommandSpec.Option.repeatable("--probe", "TYPE:PORT", "Probe.")));

    @Test
    void valuesInBothSpellingsRepeatsAndOperands() {
        Flags flags = Flags.parse(
                SPEC,
                List.of(
                        "10.0.0.0/24",
                        "--config",
                        "a.yml",
                        "--interval=500ms",
                        "--probe",
                        "xmrig:1",
                        "--probe=cgminer:2",
                        "10.0.1.0/24"));
        assertThat(flags.text("--config")).isEqualTo("a.yml");
        assertThat(flags.duration("--interval", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(flags.texts("--probe")).containsExactly("xmrig:1", "cgminer:2");
        assertThat(flags.operands()).containsExactly("10.0.0.0/24", "10.0.1.0/24");
        assertThat(flags.integer("--absent", 7)).isEqualTo(7);
    }

    @Test
    void helpNeedsNothingElse() {
        assertThat(Flags.parse(SPEC, List.of("--help")).help()).isTrue();
        assertThat(Flags.parse(SPEC, List.of("-h")).help()).isTrue();
    }

    @Test
    void mistakesAreUsageErrorsNamingTheFlag() {
        assertThatThrownBy(() -> Flags.parse(SPEC, List.of("x")).requireAll(List.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--config FILE");
        assertThatThrownBy(() -> Flags.parse(SPEC, List.of("--config", "a.yml")).requireAll(List.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("CIDR...");
        assertThatThrownBy(() -> Flags.parse(SPEC, List.of("x", "--config", "a", "--config", "b")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("only once");
        assertThatThrownBy(() -> Flags.parse(SPEC, List.of("x", "--confg", "a")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("Unknown option: '--confg'");
        assertThatThrownBy(() -> Flags.parse(SPEC, List.of("x", "--config")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("Missing value");
        Flags flags = Flags.parse(SPEC, List.of("x", "--config", "a", "--interval", "10 seconds"));
        assertThatThrownBy(() -> flags.duration("--interval", null))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'--interval'")
                .hasMessageContaining("ms, s, m, h or d");
    }

    @Test
    void everythingMissingIsNamedAtOnce() {
        List<String> alsoMissing = List.of("'--site SITE' (or --sites-file FILE)");
        assertThatThrownBy(() -> Flags.parse(SPEC, List.of()).requireAll(alsoMissing))
                .isInstanceOf(UsageException.class)
                .hasMessage("Missing 3 required arguments: '--config FILE', '--site SITE' (or --sites-file FILE), "
                        + "operand CIDR...");
    }

    @Test
    void noOperandsWhereNoneAreTaken() {
        CommandSpec run =
                new CommandSpec("run", "Runs.", null, List.of(CommandSpec.Option.required("--config", "FILE", "C.")));
        assertThatThrownBy(() -> Flags.parse(run, List.of("--config", "a", "extra")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("Unexpected argument: 'extra'");
        assertThat(run.usage()).contains("Usage: hashfence-agent run --config FILE", "-h, --help");
    }
}
