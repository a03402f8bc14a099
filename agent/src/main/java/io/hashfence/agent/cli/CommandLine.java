package io.hashfence.agent.cli;

import io.hashfence.agent.config.ConfigException;
import io.hashfence.agent.run.Agent;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Picks the command named by the first argument, checks its flags and runs it, answering the exit code. Hand-made
 * rather than a CLI library: picocli's reflection cost the agent 3.3 MiB resident (docs/BENCHMARKS.md).
 */
public final class CommandLine {
    private final String program;
    private final String description;
    private final List<AgentCommand> commands;

    private CommandLine(String program, String description, List<AgentCommand> commands) {
        this.program = program;
        this.description = description;
        this.commands = List.copyOf(commands);
    }

    /** hashfence-agent's commands; {@code environment} supplies HASHFENCE_* variables. */
    public static CommandLine agent(Map<String, String> environment) {
        return new CommandLine(
                "hashfence-agent",
                "Reads mining rigs and publishes their telemetry to a Hashfence collector over MQTT.",
                List.of(
                        new RunCommand(environment),
                        new CheckCommand(environment),
                        new ScanCommand(),
                        new SimulateCommand(environment)));
    }

    public int execute(PrintWriter out, PrintWriter err, String... args) {
        try {
            if (args.length == 0) {
                throw new UsageException("Missing command: choose run, check, scan or simulate");
            }
            switch (args[0]) {
                case "-h", "--help" -> {
                    out.print(usage());
                    out.flush();
                    return ExitCodes.OK;
                }
                case "-V", "--version" -> {
                    out.println(program + " " + Agent.version());
                    return ExitCodes.OK;
                }
                default -> {
                    return run(command(args[0]), Arrays.asList(args).subList(1, args.length), out, err);
                }
            }
        } catch (UsageException e) {
            err.println(program + ": " + e.getMessage());
            err.println("Run '" + program + " --help' for the commands.");
            return ExitCodes.USAGE;
        }
    }

    private int run(AgentCommand command, List<String> args, PrintWriter out, PrintWriter err) {
        CommandSpec spec = command.spec();
        try {
            Flags flags = Flags.parse(spec, args);
            if (flags.help()) {
                out.print(spec.usage());
                out.flush();
                return ExitCodes.OK;
            }
            flags.requireAll(command.missing(flags));
            return command.run(flags, out);
        } catch (UsageException e) {
            err.println(program + " " + spec.name() + ": " + e.getMessage());
            err.println("Run '" + program + " " + spec.name() + " --help' for its flags.");
            return ExitCodes.USAGE;
        } catch (ConfigException e) {
            err.println(program + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.FAILURE;
        } catch (Exception e) {
            err.println(program + ": failed: " + e);
            e.printStackTrace(err);
            return ExitCodes.FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private AgentCommand command(String name) {
        return commands.stream()
                .filter(command -> command.spec().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new UsageException("Unknown command: '" + name + "'"));
    }

    private String usage() {
        StringBuilder usage = new StringBuilder("Usage: " + program + " COMMAND [FLAGS]" + System.lineSeparator()
                + description + System.lineSeparator() + "Commands:" + System.lineSeparator());
        for (AgentCommand command : commands) {
            usage.append("  ")
                    .append(command.spec().name())
                    .append(" ".repeat(12 - command.spec().name().length()))
                    .append(command.spec().summary())
                    .append(System.lineSeparator());
        }
        usage.append("  -h, --help      Show this help message and exit.")
                .append(System.lineSeparator())
                .append("  -V, --version   Print version information and exit.")
                .append(System.lineSeparator())
                .append("Every command takes -h/--help.")
                .append(System.lineSeparator());
        return usage.toString();
    }
}
