package io.hashfence.agent;

import io.hashfence.agent.cli.CheckCommand;
import io.hashfence.agent.cli.ExitCodes;
import io.hashfence.agent.cli.RunCommand;
import io.hashfence.agent.cli.ScanCommand;
import io.hashfence.agent.cli.SimulateCommand;
import io.hashfence.agent.config.ConfigException;
import io.hashfence.agent.run.Agent;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code hashfence-agent} command line. */
@Command(name = "hashfence-agent", mixinStandardHelpOptions = true, versionProvider = AgentMain.Version.class,
        description = "Reads mining rigs and publishes their telemetry to a Hashfence collector over MQTT.")
public final class AgentMain implements Runnable {
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        String level = System.getenv("HASHFENCE_LOG_LEVEL");
        if (level != null && !level.isBlank()) {
            // Read by slf4j-simple when the first logger is made, which is after this line.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level.trim().toLowerCase(java.util.Locale.ROOT));
        }
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The command line with its subcommands; {@code environment} supplies HASHFENCE_* variables. */
    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new AgentMain())
                .addSubcommand(new RunCommand(environment))
                .addSubcommand(new CheckCommand(environment))
                .addSubcommand(new ScanCommand())
                .addSubcommand(new SimulateCommand(environment));
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (exception instanceof ConfigException) {
                command.getErr().println("hashfence-agent: " + exception.getMessage());
                return ExitCodes.USAGE;
            }
            command.getErr().println("hashfence-agent: failed: " + exception);
            exception.printStackTrace(command.getErr());
            return ExitCodes.FAILURE;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose run, check, scan or simulate");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hashfence-agent " + Agent.version()};
        }
    }
}
