package io.hashfence.collector.logging;

/**
 * Text a client sent (a topic, a client id, a user name, a path, an acknowledger's name), made safe to put
 * in a log line: a line break or other control character in it could otherwise end the line and forge the
 * next one ({@code … ERROR FORGED}), or hide text on a terminal. Backslash, CR, LF and tab become
 * {@code \\}, {@code \r}, {@code \n} and {@code \t}; every other C0 or C1 control, DEL, Unicode line and
 * paragraph separator, format character (bidirectional overrides among them) and lone surrogate becomes
 * {@code \}{@code uXXXX}. Everything else, non-ASCII letters included, stays as it was.
 */
public final class ClientText {
    private ClientText() {}

    /** The text escaped for a log line; {@code null} stays {@code null}. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = firstToEscape(text);
        if (first < 0) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\r' -> escaped.append("\\r");
                case '\n' -> escaped.append("\\n");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (needsEscape(text, i)) {
                        escaped.append(String.format("\\u%04X", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    private static int firstToEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\' || needsEscape(text, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean needsEscape(String text, int index) {
        char c = text.charAt(index);
        if (Character.isHighSurrogate(c)) {
            return index + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(index + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return index == 0 || !Character.isHighSurrogate(text.charAt(index - 1));
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.UNASSIGNED,
                    Character.PRIVATE_USE -> true;
            default -> false;
        };
    }
}
