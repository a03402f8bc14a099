package io.hashfence.agent.cli;

import java.util.List;

/**
 * What a command accepts and what its {@code --help} prints: name, description, operands (such as
 * {@code CIDR...}, or null for none) and options, every option taking a value.
 */
record CommandSpec(String name, String description, String operands, List<Option> options) {

    /** @param label the value's placeholder in the help, e.g. {@code FILE} */
    record Option(String name, String label, boolean required, boolean repeatable, String description) {
        static Option required(String name, String label, String description) {
            return new Option(name, label, true, false, description);
        }

        static Option optional(String name, String label, String description) {
            return new Option(name, label, false, false, description);
        }

        static Option repeatable(String name, String label, String description) {
            return new Option(name, label, false, true, description);
        }
    }

    Option option(String name) {
        return options.stream()
                .filter(option -> option.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    /** The description's first sentence, for the list of commands. */
    String summary() {
        int end = description.indexOf(". ");
        return end < 0 ? description : description.substring(0, end + 1);
    }

    String usage() {
        StringBuilder usage = new StringBuilder("Usage: hashfence-agent ").append(name);
        for (Option option : options) {
            String text = option.name() + " " + option.label();
            usage.append(' ')
                    .append(option.required() ? text : "[" + text + "]")
                    .append(option.repeatable() ? "..." : "");
        }
        if (operands != null) {
            usage.append(' ').append(operands);
        }
        usage.append(System.lineSeparator()).append(description).append(System.lineSeparator());
        for (Option option : options) {
            line(usage, option.name() + " " + option.label(), option.description());
        }
        line(usage, "-h, --help", "Show this help message and exit.");
        return usage.toString();
    }

    private static void line(StringBuilder usage, String term, String description) {
        usage.append("  ")
                .append(term)
                .append(" ".repeat(Math.max(1, 28 - term.length())))
                .append(description)
                .append(System.lineSeparator());
    }
}
