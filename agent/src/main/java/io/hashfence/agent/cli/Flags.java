package io.hashfence.agent.cli;

import io.hashfence.protocol.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A command's arguments, checked against its {@link CommandSpec}: {@code --name value} or {@code --name=value}. */
final class Flags {
    private final CommandSpec spec;
    private final Map<String, List<String>> values = new HashMap<>();
    private final List<String> operands = new ArrayList<>();
    private boolean help;

    private Flags(CommandSpec spec) {
        this.spec = spec;
    }

    static Flags parse(CommandSpec spec, List<String> args) {
        Flags flags = new Flags(spec);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help")) {
                flags.help = true;
            } else if (arg.startsWith("-")) {
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg : arg.substring(0, equals);
                CommandSpec.Option option = spec.option(name);
                if (option == null) {
                    throw new UsageException("Unknown option: '" + name + "'");
                }
                if (equals < 0 && i + 1 == args.size()) {
                    throw new UsageException("Missing value for option '" + name + " " + option.label() + "'");
                }
                List<String> given = flags.values.computeIfAbsent(name, key -> new ArrayList<>());
                if (!given.isEmpty() && !option.repeatable()) {
                    throw new UsageException("Option '" + name + "' should be given only once");
                }
                given.add(equals < 0 ? args.get(++i) : arg.substring(equals + 1));
            } else if (spec.operands() != null) {
                flags.operands.add(arg);
            } else {
                throw new UsageException("Unexpected argument: '" + arg + "'");
            }
        }
        return flags;
    }

    boolean help() {
        return help;
    }

    List<String> operands() {
        return operands;
    }

    String text(String name) {
        List<String> given = values.get(name);
        return given == null ? null : given.get(0);
    }

    List<String> texts(String name) {
        return values.getOrDefault(name, List.of());
    }

    Path path(String name) {
        return value(name, null, Path::of, "a file name");
    }

    Duration duration(String name, Duration fallback) {
        return value(name, fallback, Durations::parse, null);
    }

    int integer(String name, int fallback) {
        return value(name, fallback, Integer::valueOf, "a whole number");
    }

    long longInteger(String name, long fallback) {
        return value(name, fallback, Long::valueOf, "a whole number");
    }

    double decimal(String name, double fallback) {
        return value(name, fallback, Double::valueOf, "a number");
    }

    /** {@code expected} names what the value should be; null to use the parser's own message. */
    private <T> T value(String name, T fallback, Function<String, T> parse, String expected) {
        String text = text(name);
        if (text == null) {
            return fallback;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid value for option '" + name + "': "
                    + (expected == null ? e.getMessage() : "'" + text + "' is not " + expected));
        }
    }

    /**
     * Fails, naming everything missing at once, when a required option or the operands are absent or the
     * command found more missing ({@code alsoMissing}, each already phrased, e.g. {@code '--site SITE' (or ...)}).
     */
    void requireAll(List<String> alsoMissing) {
        List<String> missing = new ArrayList<>();
        for (CommandSpec.Option option : spec.options()) {
            if (option.required() && !values.containsKey(option.name())) {
                missing.add("'" + option.name() + " " + option.label() + "'");
            }
        }
        missing.addAll(alsoMissing);
        if (spec.operands() != null && operands.isEmpty()) {
            missing.add("operand " + spec.operands());
        }
        if (!missing.isEmpty()) {
            throw new UsageException("Missing " + (missing.size() == 1 ? "" : missing.size() + " ") + "required "
                    + (missing.size() == 1 ? "argument: " : "arguments: ") + String.join(", ", missing));
        }
    }
}
